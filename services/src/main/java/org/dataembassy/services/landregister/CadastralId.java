package org.dataembassy.services.landregister;

import java.util.regex.Pattern;
import org.dataembassy.runtime.rest.ProblemException;

/** An Estonian cadastral id, {@code NNNNN:NNN:NNNN} (municipality : block : parcel). */
public record CadastralId(String value) {

  private static final Pattern FORM = Pattern.compile("\\d{5}:\\d{3}:\\d{4}");

  public CadastralId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new ProblemException(
          LandRegisterProblem.INVALID_CADASTRAL_ID,
          "A cadastral id has the form NNNNN:NNN:NNNN, e.g. 78401:101:0010.");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
