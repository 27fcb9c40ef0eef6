package org.vmstation.app.gui.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.engine.runtime.VmStatus;

/**
 * The state monitor against the real engine (SQLite library, local QEMU host; the VMs are stopped, so no QEMU
 * runs): the host reports its first sighting of every VM as an event, and that burst must reach the JavaFX
 * thread as one task, not one task per VM.
 */
class StateMonitorTest {
    private static final int VMS = 200;

    @TempDir Path tmp;

    @Test
    void aBurstOfHostEventsReachesTheUiThreadAsOneTaskInOrder() throws Exception {
        try (EngineContext engine = EngineContext.open(tmp.resolve("library"))) {
            for (int i = 0; i < VMS; i++) {
                engine.library().add(VmDefinition.builder(String.format("vm-%03d", i)).bootOrder(List.of(BootDevice.NETWORK)).memoryMiB(64).build());
            }
            // the "JavaFX thread": tasks queue up here and run only when the test says so
            BlockingQueue<Runnable> uiTasks = new LinkedBlockingQueue<>();
            List<VmStatus> delivered = new CopyOnWriteArrayList<>();
            List<Integer> libraryReads = new CopyOnWriteArrayList<>();
            try (StateMonitor monitor = new StateMonitor(new LibraryCatalog(engine.library()), engine.host(), uiTasks::add,
                    entries -> libraryReads.add(entries.size()), delivered::add)) {
                monitor.start(Duration.ofHours(1)); // one poll now, the next in an hour

                // the poll hands over the library and its batch of states; the host's events come beside them
                List<Runnable> handedOver = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (handedOver.size() < 3 && System.nanoTime() < deadline) {
                    Runnable r = uiTasks.poll(100, TimeUnit.MILLISECONDS);
                    if (r != null) handedOver.add(r);
                }
                Thread.sleep(300); // anything else the burst would hand over arrives meanwhile
                uiTasks.drainTo(handedOver);
                assertThat(handedOver).as("library read, the poll's states, the host's events: one task each").hasSize(3);

                handedOver.forEach(Runnable::run);
                assertThat(libraryReads).containsExactly(VMS);
                List<VmStatus> events = delivered.stream().toList();
                assertThat(events).hasSize(2 * VMS).allMatch(s -> s.state() == VmState.STOPPED);
                assertThat(events.stream().map(VmStatus::vmId).distinct()).hasSize(VMS);

                // the host's own poller (every 0.4 s) sees no change, so nothing more is handed over
                assertThat(uiTasks.poll(1, TimeUnit.SECONDS)).as("nothing changed, nothing handed over").isNull();
            }
        }
    }
}
