package io.github.distrace.autoconfigure.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInitializer;
import org.springframework.web.client.RestClient;

/**
 * Traces the {@code RestClient}s built from Spring Boot's {@code RestClient.Builder}
 * through their request factory, so that Spring does not wrap each of their requests in
 * an intercepting one only for distrace. Boot's {@link RestClientBuilderConfigurer}
 * configures every builder it hands out; wrapped here, it hands out builders that wrap
 * each request factory set on them, Boot's own or one the application sets later, in a
 * {@link TracingClientHttpRequestFactory}. A builder so traced carries
 * {@link TracingClientHttpRequestFactory#MARKER} among its request initializers, so that
 * the customizer and the post-processor of {@code RestClient} beans do not add the
 * interceptor as well.
 */
final class TracingRestClientBuilders implements BeanPostProcessor {

	private final Supplier<TracingClientHttpRequestInterceptor> interceptor;

	TracingRestClientBuilders(Supplier<TracingClientHttpRequestInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestClientBuilderConfigurer configurer && !(bean instanceof TracingConfigurer)) {
			return new TracingConfigurer(configurer, () -> this.interceptor.get().spans());
		}
		return bean;
	}

	/**
	 * Boot's configurer, handing out traced builders.
	 */
	static final class TracingConfigurer extends RestClientBuilderConfigurer {

		private final RestClientBuilderConfigurer delegate;

		private final Supplier<ClientSpans> spans;

		TracingConfigurer(RestClientBuilderConfigurer delegate, Supplier<ClientSpans> spans) {
			this.delegate = delegate;
			this.spans = spans;
		}

		@Override
		public RestClient.Builder configure(RestClient.Builder builder) {
			return this.delegate.configure(TracingBuilder.wrap(builder, this.spans.get()));
		}

	}

	/**
	 * A builder that wraps every request factory set on it. A proxy rather than a class,
	 * so that a method a later Spring version adds to the builder passes through.
	 */
	private static final class TracingBuilder implements InvocationHandler {

		private final RestClient.Builder builder;

		private final ClientSpans spans;

		private TracingBuilder(RestClient.Builder builder, ClientSpans spans) {
			this.builder = builder;
			this.spans = spans;
		}

		static RestClient.Builder wrap(RestClient.Builder builder, ClientSpans spans) {
			return (RestClient.Builder) Proxy.newProxyInstance(TracingBuilder.class.getClassLoader(),
					new Class<?>[] { RestClient.Builder.class }, new TracingBuilder(builder, spans));
		}

		@Override
		@SuppressWarnings("unchecked")
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("requestFactory") && args != null && args[0] instanceof ClientHttpRequestFactory factory) {
				if (!(factory instanceof TracingClientHttpRequestFactory)) {
					args[0] = new TracingClientHttpRequestFactory(factory, this.spans);
				}
				this.builder.requestInitializers(TracingBuilder::mark);
			}
			else if (name.equals("apply") && args != null) {
				// The consumer must see this builder, to have its factory wrapped.
				((Consumer<RestClient.Builder>) args[0]).accept((RestClient.Builder) proxy);
				return proxy;
			}
			else if (name.equals("clone") && method.getParameterCount() == 0) {
				return wrap(this.builder.clone(), this.spans);
			}
			Object result;
			try {
				result = method.invoke(this.builder, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			return (result == this.builder) ? proxy : result;
		}

		private static void mark(List<ClientHttpRequestInitializer> initializers) {
			if (!initializers.contains(TracingClientHttpRequestFactory.MARKER)) {
				initializers.add(TracingClientHttpRequestFactory.MARKER);
			}
		}

	}

}
