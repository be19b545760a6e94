package dev.clipstream.schemas.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Since Avro 1.12.1, Avro refuses to load any class by name that is not explicitly trusted, including the
 * generated SpecificRecord classes it needs to decode nested records and enums. This trusts exactly the classes
 * Avro generated ({@link AvroGenerated}) in the packages we decode into, and nothing else; whatever the
 * application trusts already (system properties, its own predicate) stays trusted.
 */
public final class GeneratedClassTrust {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedClassTrust.class);
    /** The package of the Clipstream contracts, see {@code src/main/avro}. */
    public static final String CLIPSTREAM_AVRO_PACKAGE = "dev.clipstream.schemas.avro";

    private static final Set<String> TRUSTED_PACKAGES = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, GeneratedClassTrust::isTrusted));
        TRUSTED_PACKAGES.add(CLIPSTREAM_AVRO_PACKAGE);
    }

    private GeneratedClassTrust() {
    }

    /** Makes sure the Clipstream contract classes can be decoded. Idempotent; cheap after the first call. */
    public static void ensureInstalled() {
        // The static initializer does the work, once per class loader.
    }

    /** Also trusts the Avro-generated classes of {@code type}'s package (for a configured reader class). */
    public static void trustGeneratedClassesOf(Class<?> type) {
        if (TRUSTED_PACKAGES.add(type.getPackageName())) {
            LOG.info("Trusting Avro-generated classes in package {} for decoding", type.getPackageName());
        }
    }

    private static boolean isTrusted(Class<?> type) {
        return TRUSTED_PACKAGES.contains(type.getPackageName()) && type.isAnnotationPresent(AvroGenerated.class);
    }
}
