package dev.clipstream.fleet.bench;

import dev.clipstream.fleet.cli.Sizes;
import picocli.CommandLine;

/** One size to measure: {@code clips} clips (and raw files) of {@code sizeBytes} each, per round. */
public record BenchCase(long sizeBytes, int clips) {

    /** Parses SIZE:COUNT, e.g. 50MB:8. */
    public static final class Converter implements CommandLine.ITypeConverter<BenchCase> {
        @Override
        public BenchCase convert(String value) {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not SIZE:COUNT, e.g. 50MB:8");
            }
            long size = Sizes.parse(value.substring(0, colon));
            int count;
            try {
                count = Integer.parseInt(value.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': COUNT must be a whole number");
            }
            if (count < 1) {
                throw new CommandLine.TypeConversionException("'" + value + "': COUNT must be at least 1");
            }
            return new BenchCase(size, count);
        }
    }

    public String label() {
        return Sizes.format(sizeBytes);
    }
}
