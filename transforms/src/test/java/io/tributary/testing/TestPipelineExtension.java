package io.tributary.testing;

import java.lang.reflect.Method;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Beam's {@link TestPipeline} on JUnit 5. Beam 2.62's TestPipeline is a JUnit 4 rule (its own JUnit
 * 5 extension arrives in 2.68): this extension runs each test method inside that rule, so the
 * rule's checks still hold (a pipeline built but never run, or a PAssert never reached, fails the
 * test) without the vintage engine.
 *
 * <pre>{@code
 * final transient TestPipeline pipeline = TestPipeline.create();
 * @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);
 * }</pre>
 */
public final class TestPipelineExtension implements InvocationInterceptor {
  private final TestPipeline pipeline;

  private TestPipelineExtension(TestPipeline pipeline) {
    this.pipeline = pipeline;
  }

  public static TestPipelineExtension of(TestPipeline pipeline) {
    return new TestPipelineExtension(pipeline);
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
      ExtensionContext context) throws Throwable {
    Description description = Description.createTestDescription(context.getRequiredTestClass(),
        context.getRequiredTestMethod().getName());
    Statement test = new Statement() {
      @Override
      public void evaluate() throws Throwable {
        invocation.proceed();
      }
    };
    pipeline.apply(test, description).evaluate();
  }
}
