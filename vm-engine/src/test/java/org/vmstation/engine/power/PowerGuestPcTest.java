package org.vmstation.engine.power;

import org.junit.jupiter.api.Tag;

@Tag("guest")
class PowerGuestPcTest extends PowerGuestTestBase {
    @Override
    String machine() { return "pc"; }
}
