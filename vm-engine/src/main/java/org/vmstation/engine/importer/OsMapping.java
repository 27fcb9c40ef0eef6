package org.vmstation.engine.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The single table from other tools' OS identifiers to VMStation's OS preset ids (linux, debian, ubuntu,
 * fedora, rhel, centos, opensuse, arch, windowsxp, windows7, windows10, windows11, windows-server-2008,
 * -2012, -2016, -2019, -2022, freebsd, other). Every source (VMware guestOS, CIM ids in OVF, VirtualBox
 * OSType, libosinfo URLs, ISO labels, free text) first goes through its exact ids, then through the same
 * ordered text rules, so two tools naming the same OS land on the same preset.
 */
public final class OsMapping {
    public static final List<String> PRESETS = List.of("linux", "debian", "ubuntu", "fedora", "rhel", "centos", "opensuse",
            "arch", "windowsxp", "windows7", "windows10", "windows11", "windows-server-2008", "windows-server-2012",
            "windows-server-2016", "windows-server-2019", "windows-server-2022", "freebsd", "other");

    /** VMware guestOS ids whose names do not say what they are (with -64 / _64Guest / Guest stripped). */
    private static final Map<String, String> VMWARE = Map.ofEntries(
            Map.entry("windows9", "windows10"), Map.entry("windows9srv", "windows-server-2016"),
            Map.entry("windows2019srv", "windows-server-2019"), Map.entry("windows2019srvnext", "windows-server-2022"),
            Map.entry("windows2022srvnext", "windows-server-2022"), Map.entry("windows8srv", "windows-server-2012"),
            Map.entry("windows7srv", "windows-server-2008"), Map.entry("winlonghorn", "windows-server-2008"),
            Map.entry("winnetstandard", "windowsxp"), Map.entry("winnetenterprise", "windowsxp"), Map.entry("winnetweb", "windowsxp"),
            Map.entry("winvista", "windows7"), Map.entry("windows8", "windows10"), Map.entry("windows11", "windows11"),
            Map.entry("windows12", "windows11"), Map.entry("windows7", "windows7"), Map.entry("winxppro", "windowsxp"),
            Map.entry("winxphome", "windowsxp"), Map.entry("win2000pro", "windowsxp"), Map.entry("win2000serv", "windowsxp"),
            Map.entry("other26xlinux", "linux"), Map.entry("other3xlinux", "linux"), Map.entry("other4xlinux", "linux"),
            Map.entry("other5xlinux", "linux"), Map.entry("other6xlinux", "linux"), Map.entry("otherlinux", "linux"),
            Map.entry("other24xlinux", "linux"), Map.entry("vmwarephoton", "linux"), Map.entry("sles", "opensuse"),
            Map.entry("asianux", "rhel"), Map.entry("oraclelinux", "rhel"), Map.entry("darwin", "other"));

    /** CIM_OperatingSystem OsType values used by OperatingSystemSection ovf:id. */
    private static final Map<Integer, String> CIM = Map.ofEntries(
            Map.entry(36, "linux"), Map.entry(42, "freebsd"), Map.entry(58, "windowsxp"), Map.entry(67, "windowsxp"),
            Map.entry(69, "windowsxp"), Map.entry(70, "windowsxp"), Map.entry(71, "windowsxp"), Map.entry(72, "windowsxp"),
            Map.entry(73, "windows7"), Map.entry(74, "windows7"), Map.entry(76, "windows-server-2008"),
            Map.entry(77, "windows-server-2008"), Map.entry(78, "freebsd"), Map.entry(79, "rhel"), Map.entry(80, "rhel"),
            Map.entry(82, "opensuse"), Map.entry(83, "opensuse"), Map.entry(84, "opensuse"), Map.entry(85, "opensuse"),
            Map.entry(93, "ubuntu"), Map.entry(94, "ubuntu"), Map.entry(95, "debian"), Map.entry(96, "debian"),
            Map.entry(97, "linux"), Map.entry(98, "linux"), Map.entry(99, "linux"), Map.entry(100, "linux"), Map.entry(101, "linux"),
            Map.entry(103, "windows-server-2008"), Map.entry(105, "windows7"), Map.entry(106, "centos"), Map.entry(107, "centos"),
            Map.entry(108, "rhel"), Map.entry(109, "rhel"), Map.entry(112, "windows-server-2012"), Map.entry(113, "windows-server-2012"),
            Map.entry(114, "windows10"), Map.entry(115, "windows10"), Map.entry(116, "windows-server-2012"),
            Map.entry(117, "windows-server-2016"), Map.entry(118, "windows10"), Map.entry(119, "windows10"),
            Map.entry(120, "windows10"), Map.entry(121, "windows10"), Map.entry(122, "windows-server-2019"),
            Map.entry(123, "windows11"), Map.entry(124, "windows-server-2022"));

    /** Ordered text rules: the first pattern found anywhere in the lower-cased text wins. */
    private static final Map<Pattern, String> TEXT_RULES = new LinkedHashMap<>();

    static {
        rule("(server|srv|2k)[ _-]?2022|win/2k22|sss_x64", "windows-server-2022");
        rule("(server|srv|2k)[ _-]?2019|win/2k19|windows2019", "windows-server-2019");
        rule("(server|srv|2k)[ _-]?2016|win/2k16|windows2016", "windows-server-2016");
        rule("(server|srv|2k)[ _-]?2012|win/2k12|windows2012", "windows-server-2012");
        rule("(server|srv|2k)[ _-]?2008|win/2k8|windows2008|longhorn", "windows-server-2008");
        rule("win(dows)?[ _/-]?11|win11", "windows11");
        rule("win(dows)?[ _/-]?(10|8\\.1|8)\\b|win10|windows10|windows8|cccoma|ccsa", "windows10");
        rule("win(dows)?[ _/-]?(7|vista)|win7|windows7|winvista", "windows7");
        rule("win(dows)?[ _/-]?(xp|2000|2003|2k3)|winxp|windowsxp|win/2k3|windows2003", "windowsxp");
        rule("ubuntu|kubuntu|xubuntu|lubuntu", "ubuntu");
        rule("debian", "debian");
        rule("fedora", "fedora");
        rule("centos|rocky|alma", "centos");
        rule("rhel|red ?hat|redhat|oracle|ol\\d", "rhel");
        rule("opensuse|suse|sles", "opensuse");
        rule("arch ?linux|archlinux|\\barch\\b", "arch");
        rule("freebsd", "freebsd");
        rule("linux|photon|mint|gentoo|alpine|manjaro|ttylinux|mandriva|turbolinux", "linux");
        rule("windows|\\bwin", "windows10");
    }

    private OsMapping() {}

    private static void rule(String regex, String preset) { TEXT_RULES.put(Pattern.compile(regex), preset); }

    /** VMware guestOS (.vmx) or vmw:osType (OVF), e.g. "windows2019srv-64", "rhel8-64", "windows9_64Guest". */
    public static String fromVmwareGuestOs(String id) {
        if (id == null || id.isBlank()) return "other";
        String k = id.toLowerCase(Locale.ROOT).strip().replaceAll("guest$", "").replaceAll("[-_]?64$", "")
                .replace("server", "srv");
        String exact = VMWARE.get(k);
        if (exact != null) return exact;
        if (k.startsWith("rhel")) return "rhel";
        if (k.startsWith("centos")) return "centos";
        if (k.startsWith("debian")) return "debian";
        if (k.startsWith("ubuntu")) return "ubuntu";
        if (k.startsWith("fedora")) return "fedora";
        if (k.startsWith("opensuse") || k.startsWith("sles") || k.startsWith("suse")) return "opensuse";
        if (k.startsWith("freebsd")) return "freebsd";
        if (k.startsWith("other") && k.contains("linux")) return "linux";
        if (k.startsWith("other")) return "other";
        return fromText(k);
    }

    /** CIM OsType number from an OVF OperatingSystemSection; 0/1 (unknown/other) give "other". */
    public static String fromCimId(int id) {
        return CIM.getOrDefault(id, "other");
    }

    /** VirtualBox OSType, e.g. "Ubuntu_64", "Windows10_64", "WindowsXP", "Linux26_64", "Fedora_64". */
    public static String fromVirtualBoxOsType(String id) {
        if (id == null || id.isBlank()) return "other";
        String k = id.toLowerCase(Locale.ROOT).replaceAll("_64$", "");
        return switch (k) {
            case "redhat", "oracle" -> "rhel";
            case "windows2008", "windowsvista" -> k.equals("windowsvista") ? "windows7" : "windows-server-2008";
            case "windows2003", "windows2000", "windowsnt4" -> "windowsxp";
            case "windows8", "windows81" -> "windows10";
            case "linux22", "linux24", "linux26", "linux", "mandriva", "gentoo", "turbolinux", "xandros" -> "linux";
            case "macos", "macosx" -> "other";
            default -> fromText(k);
        };
    }

    /** libosinfo id URL from libvirt metadata, e.g. "http://microsoft.com/win/11", "http://fedoraproject.org/fedora/27". */
    public static String fromLibosinfo(String url) {
        if (url == null || url.isBlank()) return "other";
        String k = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        if (k.startsWith("microsoft.com/win/")) {
            String v = k.substring("microsoft.com/win/".length());
            return switch (v) {
                case "11" -> "windows11";
                case "10", "8", "8.1" -> "windows10";
                case "7", "vista" -> "windows7";
                case "xp", "2k", "2k3", "2k3r2" -> "windowsxp";
                case "2k8", "2k8r2" -> "windows-server-2008";
                case "2k12", "2k12r2" -> "windows-server-2012";
                case "2k16" -> "windows-server-2016";
                case "2k19" -> "windows-server-2019";
                case "2k22", "2k25" -> "windows-server-2022";
                default -> "windows10";
            };
        }
        if (k.contains("archlinux.org")) return "arch";
        if (k.contains("centos.org")) return "centos";
        if (k.contains("redhat.com/rhel")) return "rhel";
        if (k.contains("opensuse.org")) return "opensuse";
        if (k.contains("fedoraproject.org")) return "fedora";
        if (k.contains("debian.org")) return "debian";
        if (k.contains("ubuntu.com")) return "ubuntu";
        if (k.contains("freebsd.org")) return "freebsd";
        String fuzzy = fromText(k);
        return fuzzy.equals("other") && k.contains("linux") ? "linux" : fuzzy;
    }

    /** Free text: an ISO volume label, an OS description, a VM or file name. */
    public static String fromText(String text) {
        if (text == null || text.isBlank()) return "other";
        String k = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<Pattern, String> r : TEXT_RULES.entrySet()) {
            if (r.getKey().matcher(k).find()) return r.getValue();
        }
        return "other";
    }

    /** Whether a preset is a Windows one; importers prefer Windows-friendly devices (e1000e, SATA) for them. */
    public static boolean isWindows(String preset) { return preset != null && preset.startsWith("windows"); }
}
