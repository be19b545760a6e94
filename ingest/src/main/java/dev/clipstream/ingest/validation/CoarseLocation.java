package dev.clipstream.ingest.validation;

import dev.clipstream.schemas.avro.GeoBoundingBox;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Privacy: the location that reaches Kafka is a box on a 0.01 degree grid (about 1.1 km north-south), rounded
 * outwards so that it still contains what the vehicle reported. Vehicles are asked to send such boxes already;
 * ingest enforces it, so a precise GPS fix sent by mistake (or by a hostile client) never reaches a topic.
 */
public final class CoarseLocation {

    /** Decimal places kept: 2 = 0.01 degree. */
    public static final int SCALE = 2;

    private CoarseLocation() {
    }

    public static GeoBoundingBox of(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude) {
        return new GeoBoundingBox(down(minLatitude, -90), down(minLongitude, -180), up(maxLatitude, 90),
                up(maxLongitude, 180));
    }

    // BigDecimal.valueOf works on the shortest decimal form of the double, so 37.39 stays 37.39 (no 37.38 from
    // 37.389999...), and the result is the double nearest to a 2-decimal number.
    private static double down(double degrees, double limit) {
        return Math.max(limit, BigDecimal.valueOf(degrees).setScale(SCALE, RoundingMode.FLOOR).doubleValue());
    }

    private static double up(double degrees, double limit) {
        return Math.min(limit, BigDecimal.valueOf(degrees).setScale(SCALE, RoundingMode.CEILING).doubleValue());
    }
}
