package org.dataembassy.site.it;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a multi-process test fails, its failure message ends with each site's last operator
 * warnings (EMB-… lines at WARN or ERROR from {@code site.log}): the project's CI shows only the
 * tail of the build's output, where the failure messages are, and its data directories are gone.
 * Finds the test class's static {@link FederationHarness} fields; other failures pass unchanged.
 */
public final class SiteLogsOnFailure
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  static final int LINES_PER_SITE = 8;

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw withSiteLogs(context.getRequiredTestClass(), thrown);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw withSiteLogs(context.getRequiredTestClass(), thrown);
  }

  static Throwable withSiteLogs(Class<?> testClass, Throwable thrown) {
    List<FederationHarness> harnesses = harnesses(testClass);
    if (harnesses.isEmpty()) {
      return thrown;
    }
    StringBuilder message = new StringBuilder(String.valueOf(thrown.getMessage()));
    harnesses.forEach(h -> message.append(h.operatorWarnings(LINES_PER_SITE)));
    AssertionError wrapped = new AssertionError(message.toString(), thrown);
    wrapped.setStackTrace(thrown.getStackTrace());
    return wrapped;
  }

  private static List<FederationHarness> harnesses(Class<?> testClass) {
    List<FederationHarness> found = new ArrayList<>();
    for (Field field : testClass.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == FederationHarness.class) {
        try {
          field.setAccessible(true);
          if (field.get(null) instanceof FederationHarness harness) {
            found.add(harness);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // not readable: the failure goes on without the logs
        }
      }
    }
    return found;
  }
}
