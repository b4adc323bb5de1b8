package org.dataembassy.services.landregister;

import org.dataembassy.runtime.identity.PersonalCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dataembassy.runtime.rest.ProblemException;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  private static Owner owner(String code, String share) {
    return new Owner(new PersonalCode(code), "Someone", Share.parse(share));
  }

  @Test
  void shouldAcceptSharesThatAddUpToOneExactly() {
    var ownership =
        new Ownership(
            List.of(
                owner("38001010009", "1/3"),
                owner("49403136526", "1/3"),
                owner("60001019906", "2/6")));
    assertThat(ownership.owners()).hasSize(3);
  }

  @Test
  void shouldRejectSharesThatDoNotAddUp() {
    assertThatThrownBy(
            () -> new Ownership(List.of(owner("38001010009", "1/2"), owner("49403136526", "1/3"))))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("5/6");
  }

  @Test
  void shouldRejectAPersonListedTwice() {
    assertThatThrownBy(
            () -> new Ownership(List.of(owner("38001010009", "1/2"), owner("38001010009", "1/2"))))
        .satisfies(
            e ->
                assertThat(((ProblemException) e).type())
                    .isEqualTo(LandRegisterProblem.DUPLICATE_OWNER));
  }

  @Test
  void shouldRejectNoOwners() {
    assertThatThrownBy(() -> new Ownership(List.of())).isInstanceOf(ProblemException.class);
  }

  @Test
  void shouldReduceSharesToLowestTerms() {
    assertThat(Share.parse("2/4").toString()).isEqualTo("1/2");
  }

  @Test
  void shouldRejectMalformedOrOutOfRangeShares() {
    for (String bad : List.of("1/0", "0/1", "3/2", "half", "1/2/3", "-1/2")) {
      assertThatThrownBy(() -> Share.parse(bad)).as(bad).isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void shouldValidateCadastralIdForm() {
    assertThat(new CadastralId("78401:101:0010").value()).isEqualTo("78401:101:0010");
    for (String bad : List.of("78401:101:001", "7840:101:0010", "78401-101-0010", "")) {
      assertThatThrownBy(() -> new CadastralId(bad)).as(bad).isInstanceOf(ProblemException.class);
    }
  }
}
