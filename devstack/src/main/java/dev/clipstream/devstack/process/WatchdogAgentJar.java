package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a java agent jar holding {@link StdinWatchdog}, built from the class's own bytes so it works
 * whether devstack runs from a jar or from target/classes.
 */
public final class WatchdogAgentJar {

    private WatchdogAgentJar() {
    }

    public static Path writeTo(Path jarFile) {
        String entryName = StdinWatchdog.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), StdinWatchdog.class.getName());
        try (InputStream classBytes = StdinWatchdog.class.getResourceAsStream("/" + entryName)) {
            if (classBytes == null) {
                throw new DevStackException("Cannot read the bytes of " + entryName + " to build the watchdog agent");
            }
            Files.createDirectories(jarFile.getParent());
            try (OutputStream file = Files.newOutputStream(jarFile);
                 JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.putNextEntry(new JarEntry(entryName));
                classBytes.transferTo(jar);
                jar.closeEntry();
            }
            return jarFile;
        } catch (IOException e) {
            throw new DevStackException("Could not write the watchdog agent jar " + jarFile + ": " + e.getMessage(), e);
        }
    }
}
