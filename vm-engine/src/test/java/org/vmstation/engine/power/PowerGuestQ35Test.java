package org.vmstation.engine.power;

import org.junit.jupiter.api.Tag;

@Tag("guest")
class PowerGuestQ35Test extends PowerGuestTestBase {
    @Override
    String machine() { return "q35"; }
}
