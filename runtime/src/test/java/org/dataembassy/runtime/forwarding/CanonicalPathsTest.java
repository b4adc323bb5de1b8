package org.dataembassy.runtime.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/parcels", "/parcels/", "/parcels/12345:001:0001/history", "/q/health/ready",
      "/parcels/12345%3A001%3A0001", "/ocsp/MEUwQzBBMD8wPTAJBgUrDgMCGgUABBQ", "/files/a.b", "/x/..y", "/ocsp/MEUw%2FQzBB%2BMD8%3D", "*"})
  void shouldTakeNormalPaths(String path) {
    assertThat(CanonicalPaths.isCanonical(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/../parcels", "/q/%2e%2e/parcels", "/q/%2E./parcels", "/./parcels", "/parcels/.",
      "/parcels/..", "//parcels", "/parcels//history", "/q\\..\\parcels", "/q%5c..%5cparcels", "parcels", ""})
  void shouldRefusePathsWithDotOrEmptySegments(String path) {
    assertThat(CanonicalPaths.isCanonical(path)).isFalse();
  }
}
