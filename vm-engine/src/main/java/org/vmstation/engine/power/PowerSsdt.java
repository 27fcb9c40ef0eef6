package org.vmstation.engine.power;

import static org.vmstation.engine.power.RegionLayout.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SSDT that gives the guest its battery (BAT0, PNP0C0A), AC adapter (ADP0, ACPI0003), lid (LID0, PNP0C0D),
 * sleep button (SLPB, PNP0C0E) and the Generic Event Device (GED0, ACPI0013) that notifies them. Written as ASL
 * here and compiled with ACPICA's {@code iasl}.
 *
 * <p>How the methods find the values: the shared region is the {@code ivshmem-plain} device's BAR2, and the
 * device sits at a fixed slot on the root bus, so {@code \_SB.PCI0.VPSH} (that slot's {@code _ADR}) reads BAR2
 * from the device's own PCI configuration space at run time, wherever the firmware placed it, and maps it with
 * a method-local SystemMemory region. {@code SNAP} copies the first 256 bytes in one read and retries while
 * the host's sequence word is odd or changed under it, so every method works on one consistent snapshot.
 *
 * <p>How events arrive: the host raises a level interrupt on an ISA line (through {@code pc-testdev}); the GED
 * declares that line, Linux's {@code evged} runs {@code _EVT}, which first lowers the line (so a change that
 * lands while it runs raises it again: nothing is lost) and then notifies each device whose change counter
 * moved since the last run (so nothing storms or repeats).
 */
public final class PowerSsdt {
    /** Root-bus slot of the ivshmem device: high enough that QEMU's automatic slot assignment never reaches it. */
    public static final int PCI_SLOT = 0x1c;
    /** ISA interrupt line the GED listens on; free on q35 and pc when no parallel port is configured. */
    public static final int ISA_IRQ = 7;
    /** pc-testdev's per-line IRQ ports start here: writing 1/0 to base+n raises/lowers ISA line n. */
    public static final int TESTDEV_IRQ_PORT_BASE = 0x2000;
    static final int IVSHMEM_VENDOR_DEVICE = 0x1110_1AF4; // device 0x1110, vendor 0x1af4 (Red Hat)

    private PowerSsdt() {}

    public static int irqPort() { return TESTDEV_IRQ_PORT_BASE + ISA_IRQ; }

    /** The ASL source, with every region offset taken from {@link RegionLayout}. */
    public static String asl() {
        return TEMPLATE
                .replace("@SLOT@", hex(PCI_SLOT << 16))
                .replace("@VENDEV@", hex(IVSHMEM_VENDOR_DEVICE))
                .replace("@SNAP@", hex(SNAPSHOT_BYTES))
                .replace("@SEQ@", hex(OFF_SEQUENCE))
                .replace("@FLAGS@", hex(OFF_FLAGS))
                .replace("@STATE@", hex(OFF_STATE))
                .replace("@DCAP@", hex(OFF_DESIGN_CAPACITY))
                .replace("@FCAP@", hex(OFF_FULL_CAPACITY))
                .replace("@RCAP@", hex(OFF_REMAINING))
                .replace("@RATE@", hex(OFF_RATE))
                .replace("@PVOL@", hex(OFF_VOLTAGE))
                .replace("@DVOL@", hex(OFF_DESIGN_VOLTAGE))
                .replace("@CYCL@", hex(OFF_CYCLES))
                .replace("@TECH@", hex(OFF_TECHNOLOGY))
                .replace("@WCAP@", hex(OFF_WARNING_CAPACITY))
                .replace("@LCAP@", hex(OFF_LOW_CAPACITY))
                .replace("@CBAT@", hex(OFF_COUNT_BATTERY))
                .replace("@CADP@", hex(OFF_COUNT_AC))
                .replace("@CLID@", hex(OFF_COUNT_LID))
                .replace("@CSLP@", hex(OFF_COUNT_SLEEP))
                .replace("@CINF@", hex(OFF_COUNT_BATTERY_INFO))
                .replace("@MODEL@", hex(OFF_MODEL))
                .replace("@SERIAL@", hex(OFF_SERIAL))
                .replace("@TYPE@", hex(OFF_TYPE))
                .replace("@OEM@", hex(OFF_MANUFACTURER))
                .replace("@TLEN@", hex(LEN_TEXT))
                .replace("@TYLEN@", hex(LEN_TYPE))
                .replace("@IRQ@", hex(ISA_IRQ))
                .replace("@IRQPORT@", hex(irqPort()));
    }

    /**
     * Compiles the SSDT into {@code dir/power-ssdt.aml} with {@code iasl} (package acpica-tools) and returns it.
     * @throws IOException naming the missing compiler or quoting its errors
     */
    public static Path compile(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path source = dir.resolve("power-ssdt.asl");
        Path aml = dir.resolve("power-ssdt.aml");
        Files.writeString(source, asl(), StandardCharsets.US_ASCII);
        Files.deleteIfExists(aml);
        List<String> cmd = new ArrayList<>(List.of(iasl(), "-p", dir.resolve("power-ssdt").toString(), source.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("the ACPI compiler '" + cmd.get(0) + "' could not be started (" + e.getMessage()
                    + "): install the acpica-tools package, or set VMSTATION_IASL to its path", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the ACPI compiler took more than 60 s on " + source);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + source, e);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(aml)) {
            throw new IOException("the ACPI compiler failed on " + source + " (exit " + p.exitValue() + "):\n" + out.strip());
        }
        return aml;
    }

    static String iasl() {
        String override = System.getenv("VMSTATION_IASL");
        return override == null || override.isBlank() ? "iasl" : override;
    }

    private static String hex(int v) { return String.format("0x%X", v); }

    private static final String TEMPLATE = """
            /* VMStation power devices. Generated by org.vmstation.engine.power.PowerSsdt: do not edit. */
            DefinitionBlock ("", "SSDT", 2, "VMSTN ", "VMSPOWER", 0x00000001)
            {
                External (\\_SB.PCI0, DeviceObj)

                Scope (\\_SB.PCI0)
                {
                    /* The ivshmem-plain device that carries the shared region (BAR2). */
                    Device (VPSH)
                    {
                        Name (_ADR, @SLOT@)
                        OperationRegion (PCFG, PCI_Config, Zero, 0x20)
                        Field (PCFG, DWordAcc, NoLock, Preserve)
                        {
                            VDID,   32,
                            Offset (0x18),
                            B2LO,   32,
                            B2HI,   32
                        }

                        /* A consistent copy of the region's first bytes; zeros if the device is missing. */
                        Method (SNAP, 0, Serialized)
                        {
                            If ((VDID != @VENDEV@))
                            {
                                Return (Buffer (@SNAP@) {})
                            }
                            Local0 = ((B2HI << 0x20) | (B2LO & 0xFFFFFFF0))
                            If ((Local0 == Zero))
                            {
                                Return (Buffer (@SNAP@) {})
                            }
                            OperationRegion (SHMR, SystemMemory, Local0, @SNAP@)
                            Field (SHMR, DWordAcc, NoLock, Preserve)
                            {
                                WHOL,   2048
                            }
                            Field (SHMR, DWordAcc, NoLock, Preserve)
                            {
                                Offset (@SEQ@),
                                SEQN,   32
                            }
                            Local2 = Zero
                            While ((Local2 < 0x10))
                            {
                                Local1 = WHOL
                                CreateDWordField (Local1, @SEQ@, SEQB)
                                If ((((SEQB & One) == Zero) && (SEQB == SEQN)))
                                {
                                    Break
                                }
                                Local2++
                            }
                            Return (Local1)
                        }
                    }
                }

                Scope (\\_SB)
                {
                    Device (BAT0)
                    {
                        Name (_HID, EisaId ("PNP0C0A"))
                        Name (_UID, One)
                        Name (_PCL, Package (0x01) { \\_SB })
                        Method (_STA, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @FLAGS@, FLGS)
                            If ((FLGS & One))
                            {
                                Return (0x1F)
                            }
                            Return (0x0F)
                        }

                        Method (_BIF, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @DCAP@, DCAP)
                            CreateDWordField (Local0, @FCAP@, FCAP)
                            CreateDWordField (Local0, @DVOL@, DVOL)
                            CreateDWordField (Local0, @TECH@, TECH)
                            CreateDWordField (Local0, @WCAP@, WCAP)
                            CreateDWordField (Local0, @LCAP@, LCAP)
                            Local1 = Package (0x0D) { Zero, Zero, Zero, Zero, Zero, Zero, Zero, One, One, "", "", "", "" }
                            Local1 [One] = DCAP
                            Local1 [0x02] = FCAP
                            Local1 [0x03] = TECH
                            Local1 [0x04] = DVOL
                            Local1 [0x05] = WCAP
                            Local1 [0x06] = LCAP
                            Local1 [0x09] = ToString (Mid (Local0, @MODEL@, @TLEN@), Ones)
                            Local1 [0x0A] = ToString (Mid (Local0, @SERIAL@, @TLEN@), Ones)
                            Local1 [0x0B] = ToString (Mid (Local0, @TYPE@, @TYLEN@), Ones)
                            Local1 [0x0C] = ToString (Mid (Local0, @OEM@, @TLEN@), Ones)
                            Return (Local1)
                        }

                        Method (_BIX, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @DCAP@, DCAP)
                            CreateDWordField (Local0, @FCAP@, FCAP)
                            CreateDWordField (Local0, @DVOL@, DVOL)
                            CreateDWordField (Local0, @CYCL@, CYCL)
                            CreateDWordField (Local0, @TECH@, TECH)
                            CreateDWordField (Local0, @WCAP@, WCAP)
                            CreateDWordField (Local0, @LCAP@, LCAP)
                            Local1 = Package (0x14) { Zero, Zero, Zero, Zero, Zero, Zero, Zero, Zero, Zero,
                                100000, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, One, One, "", "", "", "" }
                            Local1 [0x02] = DCAP
                            Local1 [0x03] = FCAP
                            Local1 [0x04] = TECH
                            Local1 [0x05] = DVOL
                            Local1 [0x06] = WCAP
                            Local1 [0x07] = LCAP
                            Local1 [0x08] = CYCL
                            Local1 [0x10] = ToString (Mid (Local0, @MODEL@, @TLEN@), Ones)
                            Local1 [0x11] = ToString (Mid (Local0, @SERIAL@, @TLEN@), Ones)
                            Local1 [0x12] = ToString (Mid (Local0, @TYPE@, @TYLEN@), Ones)
                            Local1 [0x13] = ToString (Mid (Local0, @OEM@, @TLEN@), Ones)
                            Return (Local1)
                        }

                        Method (_BST, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @STATE@, STAT)
                            CreateDWordField (Local0, @RCAP@, RCAP)
                            CreateDWordField (Local0, @RATE@, RATE)
                            CreateDWordField (Local0, @PVOL@, PVOL)
                            Local1 = Package (0x04) { Zero, Zero, Zero, Zero }
                            Local1 [Zero] = STAT
                            Local1 [One] = RATE
                            Local1 [0x02] = RCAP
                            Local1 [0x03] = PVOL
                            Return (Local1)
                        }
                    }

                    Device (ADP0)
                    {
                        Name (_HID, "ACPI0003")
                        Name (_UID, One)
                        Name (_PCL, Package (0x01) { \\_SB })
                        Method (_PSR, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @FLAGS@, FLGS)
                            Return (((FLGS >> One) & One))
                        }
                        Method (_STA, 0, NotSerialized)
                        {
                            Return (0x0F)
                        }
                    }

                    Device (LID0)
                    {
                        Name (_HID, EisaId ("PNP0C0D"))
                        Method (_LID, 0, Serialized)
                        {
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @FLAGS@, FLGS)
                            Return (((FLGS >> 0x02) & One))
                        }
                    }

                    Device (SLPB)
                    {
                        Name (_HID, EisaId ("PNP0C0E"))
                    }

                    Device (GED0)
                    {
                        Name (_HID, "ACPI0013")
                        Name (_UID, Zero)
                        Name (_CRS, ResourceTemplate ()
                        {
                            Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,, )
                            {
                                @IRQ@,
                            }
                        })
                        Name (LBAT, Zero)
                        Name (LINF, Zero)
                        Name (LADP, Zero)
                        Name (LLID, Zero)
                        Name (LSLP, Zero)
                        OperationRegion (TDEV, SystemIO, @IRQPORT@, One)
                        Field (TDEV, ByteAcc, NoLock, Preserve)
                        {
                            IRQL,   8
                        }

                        Method (_EVT, 1, Serialized)
                        {
                            /* Acknowledge first: a change published after this raises the line again. */
                            IRQL = Zero
                            Local0 = \\_SB.PCI0.VPSH.SNAP ()
                            CreateDWordField (Local0, @CBAT@, CBAT)
                            CreateDWordField (Local0, @CADP@, CADP)
                            CreateDWordField (Local0, @CLID@, CLID)
                            CreateDWordField (Local0, @CSLP@, CSLP)
                            CreateDWordField (Local0, @CINF@, CINF)
                            If ((CINF != LINF))
                            {
                                LINF = CINF
                                Notify (\\_SB.BAT0, 0x81)
                            }
                            If ((CBAT != LBAT))
                            {
                                LBAT = CBAT
                                Notify (\\_SB.BAT0, 0x80)
                            }
                            If ((CADP != LADP))
                            {
                                LADP = CADP
                                Notify (\\_SB.ADP0, 0x80)
                            }
                            If ((CLID != LLID))
                            {
                                LLID = CLID
                                Notify (\\_SB.LID0, 0x80)
                            }
                            If ((CSLP != LSLP))
                            {
                                LSLP = CSLP
                                Notify (\\_SB.SLPB, 0x80)
                            }
                        }
                    }
                }
            }
            """;
}
