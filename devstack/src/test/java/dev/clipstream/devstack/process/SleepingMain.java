package dev.clipstream.devstack.process;

import java.util.concurrent.CountDownLatch;

/** A child that would run forever unless something (the watchdog agent) ends it. */
public final class SleepingMain {

    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("waiting forever");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
