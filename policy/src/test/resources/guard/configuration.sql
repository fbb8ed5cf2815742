-- Configuration a session may not change.
SET 'pipeline.jars' = 'file:///tmp/evil.jar';
SET 'execution.target' = 'remote';
SET 'execution.checkpointing.dir' = 'file:///etc/cron.d';
SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';
SET 'execution.checkpointing.interval' = '0';
SET pipeline.classpaths = 'file:///tmp';
