package dev.clipstream.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the jar manifest (Implementation-Version). */
public final class ManifestVersionProvider implements IVersionProvider {

    static final String UNPACKAGED = "development build (not run from the packaged jar)";

    @Override
    public String[] getVersion() {
        String version = ClipstreamCommand.class.getPackage().getImplementationVersion();
        return new String[] {
                "clipstream " + (version != null ? version : UNPACKAGED),
                "Java ${java.version} (${java.vendor}) on ${os.name} ${os.arch}"};
    }
}
