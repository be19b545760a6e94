package dev.clipstream.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A stand-in for a user's JVM: starts a stack, prints the children's pids, then waits to be killed. */
public final class OrphanParentMain {

    private OrphanParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevStack stack = DevStack.start(new DevStackOptions(0, 0, Path.of(args[0])));
        System.out.println("PIDS " + stack.kafka().pid() + " " + stack.registry().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
