package dev.sluice.cli;

import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine.IVersionProvider;

/** Prints Sluice's version and the versions it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String sluice = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "sluice " + (sluice == null ? "(development build)" : sluice),
            "Flink " + EnvironmentInformation.getVersion(),
            "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion(),
            "Java " + Runtime.version()
        };
    }
}
