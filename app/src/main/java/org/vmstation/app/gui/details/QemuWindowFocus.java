package org.vmstation.app.gui.details;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Brings QEMU's own OpenGL window (3-D "separate window" mode) to the front on X11: finds the top-level window
 * whose title is the one QEMU gives it ({@code QEMU (NAME)}, from {@code -name guest=NAME}), raises it and gives it
 * the keyboard, through libX11 directly (no xdotool/wmctrl needed). A window manager may refuse to move a window
 * in front of the active one and only mark it as wanting attention: the button says "Show", not "Move".
 * Talks to the X server for a few milliseconds and sets Xlib's process-wide error handler meanwhile: call it on
 * the toolkit's thread (JavaFX's GTK uses Xlib there), never beside it.
 */
public final class QemuWindowFocus {
    private QemuWindowFocus() {}

    /** The title QEMU's GTK window has for a VM named {@code vmName}. */
    public static String titleFor(String vmName) { return "QEMU (" + vmName + ")"; }

    /**
     * @return a sentence for the user: what was done, or why nothing could be
     */
    public static String show(String title) {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return "There is no X11 desktop (DISPLAY is not set), so VMStation cannot bring \"" + title + "\" forward: look for it in your task bar.";
        }
        try {
            return X11.raise(title, display);
        } catch (Throwable t) {
            return "Could not talk to the X server on DISPLAY=" + display + " (" + t.getMessage() + "): look for \"" + title + "\" in your task bar.";
        }
    }

    /** libX11 through the foreign function API. */
    private static final class X11 {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final ValueLayout.OfLong XID = ValueLayout.JAVA_LONG;

        static String raise(String title, String display) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                SymbolLookup lib = SymbolLookup.libraryLookup("libX11.so.6", arena);
                MethodHandle open = fn(lib, "XOpenDisplay", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                MethodHandle close = fn(lib, "XCloseDisplay", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                MethodHandle root = fn(lib, "XDefaultRootWindow", FunctionDescriptor.of(XID, ValueLayout.ADDRESS));
                MethodHandle queryTree = fn(lib, "XQueryTree", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, XID,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
                MethodHandle fetchName = fn(lib, "XFetchName", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, XID, ValueLayout.ADDRESS));
                MethodHandle free = fn(lib, "XFree", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
                MethodHandle mapRaised = fn(lib, "XMapRaised", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, XID));
                MethodHandle setFocus = fn(lib, "XSetInputFocus", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, XID,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                MethodHandle sync = fn(lib, "XSync", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                MethodHandle setErrorHandler = fn(lib, "XSetErrorHandler", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));

                MemorySegment dpy = (MemorySegment) open.invokeExact(MemorySegment.NULL);
                if (dpy.equals(MemorySegment.NULL)) return "Could not open the X display " + display + ": look for \"" + title + "\" in your task bar.";
                // Xlib's default error handler ends the process; a window that vanishes while we look must not do that
                MemorySegment ignore = LINKER.upcallStub(MethodHandles.lookup().findStatic(X11.class, "ignoreError",
                        MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class)),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), arena);
                MemorySegment previous = (MemorySegment) setErrorHandler.invokeExact(ignore);
                try {
                    long found = 0;
                    Deque<Long> todo = new ArrayDeque<>();
                    todo.push((long) root.invokeExact(dpy));
                    MemorySegment rootOut = arena.allocate(XID), parentOut = arena.allocate(XID);
                    MemorySegment childrenOut = arena.allocate(ValueLayout.ADDRESS), countOut = arena.allocate(ValueLayout.JAVA_INT);
                    MemorySegment nameOut = arena.allocate(ValueLayout.ADDRESS);
                    int visited = 0;
                    while (!todo.isEmpty() && found == 0 && visited++ < 20_000) {
                        long w = todo.pop();
                        if ((int) fetchName.invokeExact(dpy, w, nameOut) != 0) {
                            MemorySegment name = nameOut.get(ValueLayout.ADDRESS, 0);
                            if (!name.equals(MemorySegment.NULL)) {
                                String n = name.reinterpret(4096).getString(0);
                                int ignored = (int) free.invokeExact(name);
                                if (n.equals(title)) { found = w; break; }
                            }
                        }
                        if ((int) queryTree.invokeExact(dpy, w, rootOut, parentOut, childrenOut, countOut) != 0) {
                            int count = countOut.get(ValueLayout.JAVA_INT, 0);
                            MemorySegment children = childrenOut.get(ValueLayout.ADDRESS, 0);
                            if (!children.equals(MemorySegment.NULL)) {
                                MemorySegment list = children.reinterpret((long) count * Long.BYTES);
                                for (int i = 0; i < count; i++) todo.push(list.getAtIndex(XID, i));
                                int ignored = (int) free.invokeExact(children);
                            }
                        }
                    }
                    if (found == 0) {
                        return "QEMU's 3-D window \"" + title + "\" is not open on DISPLAY=" + display
                                + " (QEMU may still be starting, or the window was closed).";
                    }
                    int r1 = (int) mapRaised.invokeExact(dpy, found);
                    int r2 = (int) setFocus.invokeExact(dpy, found, 2 /* RevertToParent */, 0L /* CurrentTime */);
                    int r3 = (int) sync.invokeExact(dpy, 0);
                    return "Brought \"" + title + "\" to the front and gave it the keyboard.";
                } finally {
                    MemorySegment restored = (MemorySegment) setErrorHandler.invokeExact(previous);
                    int closed = (int) close.invokeExact(dpy);
                }
            }
        }

        private static int ignoreError(MemorySegment display, MemorySegment event) { return 0; }

        private static MethodHandle fn(SymbolLookup lib, String name, FunctionDescriptor d) {
            return LINKER.downcallHandle(lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libX11 has no " + name)), d);
        }
    }
}
