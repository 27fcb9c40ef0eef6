package org.vmstation.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VMStation's exports carry backend settings as vmst:Setting elements. An imported file may come from anyone, so
 * only the power devices and resource limits are read back; a setting that could reach host devices or files (USB
 * auto-connect rules, a scenario path) is dropped with a report line.
 */
class OvfVmstationSettingsTest {
    private static final String OVF = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
                xmlns:vmst="http://vmstation.org/schema/ovf/1">
              <References/>
              <VirtualSystem ovf:id="laptop">
                <Name>laptop</Name>
                <VirtualHardwareSection>
                  <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
                  <Item><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:VirtualQuantity>512</rasd:VirtualQuantity></Item>
                  <vmst:Setting ovf:required="false" vmst:key="power.enabled" vmst:value="true"/>
                  <vmst:Setting ovf:required="false" vmst:key="resources.cpu-limit" vmst:value="25"/>
                  <vmst:Setting ovf:required="false" vmst:key="os.osinfo-id" vmst:value="http://debian.org/debian/11"/>
                  <vmst:Setting ovf:required="false" vmst:key="os.name" vmst:value="Debian 11 (bullseye)"/>
                  <vmst:Setting ovf:required="false" vmst:key="os.name.extra" vmst:value="x"/>
                  <vmst:Setting ovf:required="false" vmst:key="usb.autoconnect" vmst:value="1d6b:0002"/>
                  <vmst:Setting ovf:required="false" vmst:key="power.scenario" vmst:value="/etc/shadow"/>
                </VirtualHardwareSection>
              </VirtualSystem>
            </Envelope>
            """;

    @Test
    void powerAndResourceSettingsComeBackOthersAreDroppedWithAReason(@TempDir Path dir) throws Exception {
        Path ovf = dir.resolve("laptop.ovf");
        Files.writeString(ovf, OVF);
        ImportedVm vm = ImporterRegistry.standard().read(ovf).vms().getFirst();

        assertThat(vm.definition().settings()).containsExactly(
                java.util.Map.entry("power.enabled", "true"), java.util.Map.entry("resources.cpu-limit", "25"),
                java.util.Map.entry("os.osinfo-id", "http://debian.org/debian/11"), java.util.Map.entry("os.name", "Debian 11 (bullseye)"));
        assertThat(vm.warnings()).map(ImportWarning::toString)
                .anySatisfy(w -> assertThat(w).contains("usb.autoconnect", "dropped"))
                .anySatisfy(w -> assertThat(w).contains("os.name.extra", "dropped"))
                .anySatisfy(w -> assertThat(w).contains("power.scenario", "dropped"));
    }
}
