package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

    @Test
    void anIpv4AddressBelongsToItsSlash24AndAnIpv6AddressToItsSlash48() {
        assertThat(AddressBlock.of("203.0.113.7")).isEqualTo("203.0.113.0/24").isEqualTo(AddressBlock.of("203.0.113.250"));
        assertThat(AddressBlock.of("203.0.114.7")).isNotEqualTo(AddressBlock.of("203.0.113.7"));
        assertThat(AddressBlock.of("2001:db8:1:2::7")).isEqualTo("2001:db8:1::/48")
                .isEqualTo(AddressBlock.of("2001:0db8:0001:ffff:1:2:3:4")).isEqualTo(AddressBlock.of("[2001:db8:1::1]"));
        assertThat(AddressBlock.of("2001:db8:2::7")).isEqualTo("2001:db8:2::/48");
        assertThat(AddressBlock.of("::ffff:203.0.113.9")).isEqualTo("203.0.113.0/24");
        assertThat(AddressBlock.of("fe80::1%eth0")).isEqualTo("fe80:0:0::/48");
    }

    @Test
    void whatIsNotAnAddressIsItsOwnBlockAndNoNameIsLookedUp() {
        assertThat(AddressBlock.of("localhost")).isEqualTo("localhost");
        assertThat(AddressBlock.of("example.com")).isEqualTo("example.com");
        assertThat(AddressBlock.of("300.1.1.1")).isEqualTo("300.1.1.1");
        assertThat(AddressBlock.of("1:2:3:4:5:6:7:8:9")).isEqualTo("1:2:3:4:5:6:7:8:9");
        assertThat(AddressBlock.of("")).isEmpty();
    }

    @Test
    void anIpv6AddressBelongsToItsProvidersSlash32AndAnIpv4AddressStaysInItsSlash24() {
        assertThat(AddressBlock.provider("2001:db8:1:2::7")).isEqualTo("2001:db8::/32").isEqualTo(AddressBlock.provider("2001:db8:ffff::1"));
        assertThat(AddressBlock.provider("2001:db9::1")).isEqualTo("2001:db9::/32");
        assertThat(AddressBlock.provider("203.0.113.7")).isEqualTo("203.0.113.0/24");
        assertThat(AddressBlock.provider("::ffff:203.0.113.9")).isEqualTo("203.0.113.0/24");
    }
}
