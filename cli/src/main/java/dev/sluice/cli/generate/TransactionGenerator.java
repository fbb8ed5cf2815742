package dev.sluice.cli.generate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A seeded, endless stream of realistic card transactions with fraud bursts.
 *
 * <p>Everyday spending is log-normal (median about 35, rarely above a few hundred) at merchants
 * near the account's home country. Now and then one account goes through a burst: 6 to 12 large
 * purchases (1,200 to 3,500 each) abroad within a few minutes, which is what the fraud-alert
 * pipeline's HOP rule (over 10,000 in 10 minutes) catches. Event times advance by {@code
 * eventTimeStep} per transaction and jitter by up to two seconds, so events arrive slightly out of
 * order, as they do from real terminals. The same seed and start give the same stream.
 */
public final class TransactionGenerator {

    private static final List<String> COUNTRIES =
            List.of("NL", "NL", "NL", "DE", "DE", "BE", "FR", "GB", "ES", "IT", "PL", "SE");
    private static final List<String> FRAUD_COUNTRIES = List.of("BR", "NG", "RU", "VN", "US", "TH");
    private static final List<String> MERCHANTS =
            List.of(
                    "albert-heijn",
                    "jumbo",
                    "lidl",
                    "aldi",
                    "ikea",
                    "mediamarkt",
                    "bol.com",
                    "amazon",
                    "zalando",
                    "ns-rail",
                    "shell",
                    "bp",
                    "starbucks",
                    "mcdonalds",
                    "uber",
                    "booking.com",
                    "klm",
                    "apple",
                    "spotify",
                    "netflix",
                    "hema",
                    "action",
                    "kruidvat",
                    "decathlon",
                    "coolblue",
                    "thuisbezorgd",
                    "h&m",
                    "primark",
                    "gamma",
                    "praxis");
    private static final List<String> FRAUD_MERCHANTS =
            List.of("crypto-exchange-x", "luxury-watches-online", "gift-cards-4u", "electro-deals");
    private static final long MAX_JITTER_MILLIS = 2_000;

    private final SplittableRandom random;
    private final int accounts;
    private final double burstProbability;
    private final Duration eventTimeStep;
    private final String[] homeCountries;
    private LocalDateTime clock;
    private String burstAccount;
    private int burstRemaining;

    /**
     * @param accounts number of distinct accounts ({@code acc-00000} ...)
     * @param burstProbability chance that a transaction starts a fraud burst
     * @param start event time of the first transaction
     * @param eventTimeStep how far event time advances per transaction
     */
    public TransactionGenerator(
            long seed,
            int accounts,
            double burstProbability,
            LocalDateTime start,
            Duration eventTimeStep) {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1");
        }
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.burstProbability = burstProbability;
        this.clock = requireNonNull(start, "start is null");
        this.eventTimeStep = requireNonNull(eventTimeStep, "eventTimeStep is null");
        this.homeCountries = new String[accounts];
        Random homes = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < accounts; i++) {
            homeCountries[i] = COUNTRIES.get(homes.nextInt(COUNTRIES.size()));
        }
    }

    /** The next transaction; a fraud burst interleaves with everyday traffic. */
    public Transaction next() {
        clock = clock.plus(eventTimeStep);
        LocalDateTime eventTime = clock.minusNanos(random.nextLong(MAX_JITTER_MILLIS) * 1_000_000);
        if (burstRemaining == 0 && random.nextDouble() < burstProbability) {
            burstAccount = accountId(random.nextInt(accounts));
            burstRemaining = 6 + random.nextInt(7);
        }
        if (burstRemaining > 0 && random.nextBoolean()) {
            burstRemaining--;
            return new Transaction(
                    burstAccount,
                    pick(FRAUD_MERCHANTS),
                    money(1_200 + random.nextDouble() * 2_300),
                    pick(FRAUD_COUNTRIES),
                    eventTime);
        }
        int account = random.nextInt(accounts);
        double amount = Math.min(Math.exp(3.55 + 1.1 * gaussian()), 4_000);
        String country = random.nextInt(20) == 0 ? pick(COUNTRIES) : homeCountries[account];
        return new Transaction(
                accountId(account), pick(MERCHANTS), money(amount), country, eventTime);
    }

    public boolean inBurst() {
        return burstRemaining > 0;
    }

    public static String accountId(int account) {
        return "acc-%05d".formatted(account);
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(Math.max(amount, 0.5)).setScale(2, RoundingMode.HALF_UP);
    }
}
