package org.vmstation.app;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.vmstation.engine.guest.GuestImage;
import org.vmstation.engine.guest.GuestImageLocator;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.library.VmLibrary;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;

/** The built-in demo VM: the tiny guest from the project's recipe, created in the library on first run. */
public final class DemoVm {
    public static final String NAME = "Demo";
    public static final String TAG = "demo";

    private DemoVm() {}

    /** Finds the demo VM, or builds the guest (if needed) and creates it. */
    public static VmEntry ensure(VmLibrary library, Consumer<String> progress) throws LibraryException, VmValidationException {
        Optional<VmEntry> existing = library.list().stream().filter(e -> e.definition().tags().contains(TAG)).findFirst();
        GuestImage image = new GuestImageLocator().ensure(progress);
        if (existing.isPresent()) {
            VmEntry e = existing.get();
            // The guest cache may have moved (new recipe version): keep the definition pointing at the current image.
            KernelBoot kb = e.definition().kernelBoot();
            if (kb != null && kb.kernelPath().equals(image.kernelFor(false).toString()) && image.initrd().toString().equals(kb.initrdPath())) {
                return e;
            }
            return library.update(e.definition().toBuilder().kernelBoot(kernelBoot(image)).build());
        }
        String name = library.findByName(NAME).isPresent() ? NAME + " (VMStation)" : NAME;
        VmDefinition demo = VmDefinition.builder(name)
                .osType("linux")
                .cpus(1)
                .memoryMiB(256)
                .kernelBoot(kernelBoot(image))
                .network(NetworkSpec.nat())
                .display(DisplaySpec.standard())
                .serialConsole(true)
                .tags(List.of(TAG))
                // A laptop-like guest: battery, AC adapter, lid and sleep button (`vmstation power Demo --show`).
                .setting("power.enabled", "true")
                .notes("A tiny Linux guest built from Debian packages by VMStation's recipe. It prints "
                        + GuestImageLocator.READY_MARKER + " on its serial console when it has booted.")
                .build();
        progress.accept("Creating the demo VM '" + name + "' in the library");
        return library.add(demo);
    }

    private static KernelBoot kernelBoot(GuestImage image) {
        // The demo boots with SeaBIOS, so it can take the uncompressed kernel (PVH entry): seconds faster under TCG.
        return new KernelBoot(image.kernelFor(false).toString(), image.initrd().toString(),
                GuestImageLocator.kernelCommandLine(GuestImageLocator.PROBES));
    }
}
