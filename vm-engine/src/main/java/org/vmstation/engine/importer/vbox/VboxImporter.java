package org.vmstation.engine.importer.vbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmstation.engine.importer.ImportException;
import org.vmstation.engine.importer.ImportPlan;
import org.vmstation.engine.importer.ImportedVmBuilder;
import org.vmstation.engine.importer.VmImporter;
import org.vmstation.engine.importer.support.Dom;
import org.vmstation.engine.importer.support.LimitedFiles;
import org.vmstation.engine.importer.support.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** VirtualBox machine settings (.vbox), settings versions 1.12 to 1.19. */
public final class VboxImporter implements VmImporter {
    private static final Pattern VERSION = Pattern.compile("^1\\.(\\d+)");

    @Override public String formatName() { return "VirtualBox .vbox"; }

    @Override
    public boolean canRead(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String head = new String(LimitedFiles.head(file, 1024), StandardCharsets.ISO_8859_1);
        return n.endsWith(".vbox") || (head.contains("<VirtualBox") && head.contains("virtualbox") && head.contains("<Machine"));
    }

    @Override
    public ImportPlan read(Path file) throws ImportException {
        Document doc = SafeXml.parse(file);
        Element root = doc.getDocumentElement();
        if (!Dom.localName(root).equals("VirtualBox")) {
            throw new ImportException(file, "root element is <" + root.getNodeName() + ">; a .vbox file starts with <VirtualBox>");
        }
        Element machine = Dom.child(root, "Machine");
        if (machine == null) throw new ImportException(file, "<VirtualBox> holds no <Machine>; this is not a VM settings file (VirtualBox.xml?)");
        String version = Dom.attr(root, "version", "");
        ImportedVmBuilder vm = new ImportedVmBuilder(file, "VirtualBox .vbox (settings " + version + ")");
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            vm.info("version", "settings version '" + version + "' is not of the form 1.N; read as a recent one");
        } else {
            int minor = Integer.parseInt(m.group(1));
            if (minor < 12 || minor > 19) vm.info("version", "settings version " + version + " is outside the 1.12–1.19 range this reader knows; read as the closest");
        }
        VboxMachineReader.read(machine, file.toAbsolutePath().getParent(), vm);
        return ImportPlan.of(file, formatName(), vm.build());
    }
}
