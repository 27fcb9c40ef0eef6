package org.vmstation.engine.qemu;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.StartOptions;

class QemuArgumentBuilderGoldenTest {
    static Stream<GoldenCases.Case> cases() { return GoldenCases.all().stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commandLineMatchesGolden(GoldenCases.Case c) throws Exception {
        QemuCapabilities caps = GoldenCases.fakeCapabilities(c.kvm());
        BackendContext ctx = new BackendContext(c.vm().id(), c.fakePaths(), caps);
        QemuCommandLine cmd = new QemuArgumentBuilder(GoldenCases.FAKE_FIRMWARE)
                .commandLine(c.vm(), c.fakePaths(), caps, StartOptions.defaults(), c.backends(), ctx);
        List<String> argv = cmd.command();
        GoldenFiles.assertMatches(c.name(), argv);
    }
}
