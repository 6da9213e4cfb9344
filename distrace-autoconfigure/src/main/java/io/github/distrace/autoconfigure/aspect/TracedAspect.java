package io.github.distrace.autoconfigure.aspect;

import java.lang.reflect.Method;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

/**
 * The {@link io.github.distrace.Traced @Traced} aspect for AspectJ load-time weaving
 * ({@code distrace.aspect.mode=aspectj}), which also traces calls from inside the same
 * object and private methods. List it in your {@code META-INF/aop.xml}:
 *
 * <pre class="code">
 * &lt;aspects&gt;
 *     &lt;aspect name="io.github.distrace.autoconfigure.aspect.TracedAspect"/&gt;
 * &lt;/aspects&gt;
 * </pre>
 *
 * and run the application with {@code -javaagent:aspectjweaver.jar}. AspectJ creates the
 * aspect; the application context hands it its tracer while it runs.
 *
 * @author distrace
 */
@Aspect
public final class TracedAspect {

	private static volatile @Nullable MethodSpans woven;

	private final @Nullable MethodSpans spans;

	/**
	 * Creates the aspect as AspectJ's weaver does: it traces with the spans of the
	 * running application context, and does nothing before one has started.
	 */
	public TracedAspect() {
		this.spans = null;
	}

	TracedAspect(MethodSpans spans) {
		this.spans = spans;
	}

	/**
	 * Runs a traced method in its span.
	 * @param joinPoint the traced call
	 * @return what the method returns
	 * @throws Throwable what the method throws, unchanged
	 */
	@Around("execution(@io.github.distrace.Traced * *(..)) "
			+ "|| (execution(public * *(..)) && within(@io.github.distrace.Traced *))")
	public @Nullable Object trace(ProceedingJoinPoint joinPoint) throws Throwable {
		MethodSpans spans = (this.spans != null) ? this.spans : woven;
		if (spans == null) {
			return joinPoint.proceed();
		}
		MethodSignature signature = (MethodSignature) joinPoint.getSignature();
		Method method = signature.getMethod();
		Object target = joinPoint.getTarget();
		Class<?> targetClass = (target != null) ? target.getClass() : signature.getDeclaringType();
		return spans.invoke(method, targetClass, joinPoint, JoinPointCalls.INSTANCE);
	}

	static void bind(@Nullable MethodSpans spans) {
		woven = spans;
	}

	/**
	 * Proceeds with a join point, and reads its arguments only when asked: AspectJ copies
	 * them each time.
	 */
	private static final class JoinPointCalls implements MethodSpans.Calls<ProceedingJoinPoint> {

		static final JoinPointCalls INSTANCE = new JoinPointCalls();

		@Override
		public @Nullable Object proceed(ProceedingJoinPoint joinPoint) throws Throwable {
			return joinPoint.proceed();
		}

		@Override
		public @Nullable Object[] arguments(ProceedingJoinPoint joinPoint) {
			return joinPoint.getArgs();
		}

	}

}
