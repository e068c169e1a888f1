package io.tributary.core.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command's flag (a picocli {@code @Option} or {@code @Parameters} field, also inside a
 * {@code @Mixin}) as the pipeline option {@link #value}: {@link BeamCommand#stepArgs} collects
 * every marked field generically, so a command declares its flags and nothing maps them by hand.
 * An unset flag (null) leaves the config's value, or the option's default, in place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface StepArg {
  /** The pipeline option's name ({@code routesK} for {@code --k}). */
  String value();
}
