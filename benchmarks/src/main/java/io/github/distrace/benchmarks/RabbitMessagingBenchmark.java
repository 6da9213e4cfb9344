package io.github.distrace.benchmarks;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.observation.ObservationCollector;
import io.github.distrace.autoconfigure.messaging.DistraceRabbitAutoConfiguration;
import org.aopalliance.aop.Advice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ReflectionUtils;

/**
 * What the RabbitMQ instrumentation costs per message, against the library's own path,
 * without the broker: a round trip to a broker (about 0.1 ms on these machines, with a
 * spread of tens of microseconds) would hide the microsecond measured here. The pieces
 * distrace instruments are called as the libraries call them, on real Spring AMQP
 * messages and RabbitMQ client properties.
 * <ul>
 * <li>{@code send*}: what {@code RabbitTemplate} and the client do for one message on the
 * sending thread before the socket (the message's properties converted to the client's,
 * the {@code basic.publish} method built, the publish handed to the connection's
 * observation collector); the channel's write is left out. distrace's collector is the
 * one its post-processor sets on the application's connection factory; the library's own
 * is the client's no-op collector. Each traced publish records one {@code PRODUCER} span
 * and writes {@code traceparent} into the message's headers.</li>
 * <li>{@code process*}: one received message, carrying a sampled {@code traceparent},
 * handed to a listener the way a listener container does: directly when the container has
 * no advice chain, through a proxy of its advice chain otherwise (distrace's advice is
 * the one its post-processor sets on the application's listener container factory). Each
 * traced message records one {@code CONSUMER} span, the producer's child.</li>
 * <li>{@code *SpanOnly}: the floor, an OpenTelemetry span with the same kind and
 * attributes as distrace's, started and ended, without reading or writing headers.</li>
 * </ul>
 * OpenTelemetry has no library instrumentation for RabbitMQ to run beside distrace's in
 * the same JVM (only its Java agent instruments the client), and Spring AMQP's own
 * observation makes spans only through Micrometer's tracing bridge, which distrace does
 * not ship.
 *
 * @author distrace
 */
public class RabbitMessagingBenchmark extends Settings {

	private static final byte[] BODY = "order 42".getBytes(StandardCharsets.UTF_8);

	private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

	private final ObservationCollector.ConnectionInfo connection = new ObservationCollector.ConnectionInfo() {

		@Override
		public String getPeerAddress() {
			return "127.0.0.1";
		}

		@Override
		public int getPeerPort() {
			return 5672;
		}

	};

	private final Message received = received();

	private final ListenerInvoker plainListener = RabbitMessagingBenchmark::listener;

	private DistraceContext distrace;

	private ObservationCollector distraceCollector;

	private ListenerInvoker distraceListener;

	private MessagingSpanFloor floor;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start(Rabbit.class);
		this.distraceCollector = collector(this.distrace.bean(CachingConnectionFactory.class));
		Advice[] chain = this.distrace.bean(SimpleRabbitListenerContainerFactory.class).getAdviceChain();
		if (chain == null || chain.length == 0 || this.distraceCollector == ObservationCollector.NO_OP) {
			throw new IllegalStateException("distrace did not instrument RabbitMQ");
		}
		this.distraceListener = proxy(chain);
		this.floor = new MessagingSpanFloor(this.distrace.tracer(), "rabbitmq");
	}

	@Benchmark
	public void sendPlain(Blackhole blackhole) throws IOException {
		send(ObservationCollector.NO_OP, blackhole);
	}

	@Benchmark
	public void sendDistrace(Blackhole blackhole) throws IOException {
		this.spans++;
		send(this.distraceCollector, blackhole);
	}

	@Benchmark
	public void sendSpanOnly() {
		this.spans++;
		this.floor.producer(6);
	}

	@Benchmark
	public void processPlain(Blackhole blackhole) {
		this.plainListener.invokeListener(null, blackhole(this.received, blackhole));
	}

	@Benchmark
	public void processDistrace(Blackhole blackhole) {
		this.spans++;
		this.distraceListener.invokeListener(null, blackhole(this.received, blackhole));
	}

	@Benchmark
	public void processSpanOnly() {
		this.spans++;
		this.floor.consumer(6);
	}

	// What RabbitTemplate.convertAndSend("", "orders", "order 42") and the client's
	// channel do with a message before they write it.
	private void send(ObservationCollector collector, Blackhole blackhole) throws IOException {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
		properties.setContentLength(BODY.length);
		Message message = new Message(BODY, properties);
		AMQP.BasicProperties converted = this.converter.fromMessageProperties(message.getMessageProperties(), "UTF-8");
		AMQP.Basic.Publish publish = new AMQP.Basic.Publish.Builder().exchange("").routingKey("orders").build();
		collector.publish(blackhole::consume, publish, converted, message.getBody(), this.connection);
	}

	private static Message blackhole(Message message, Blackhole blackhole) {
		blackhole.consume(message);
		return message;
	}

	private static void listener(Channel channel, Object data) {
		if (data instanceof Message message) {
			message.getBody();
		}
	}

	private static Message received() {
		MessageProperties properties = new MessageProperties();
		properties.setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
		properties.setConsumerQueue("orders");
		properties.setReceivedExchange("");
		properties.setReceivedRoutingKey("orders");
		properties.setDeliveryTag(42L);
		return new Message(BODY, properties);
	}

	private static ObservationCollector collector(CachingConnectionFactory factory) {
		Field field = ReflectionUtils.findField(com.rabbitmq.client.ConnectionFactory.class, "observationCollector");
		ReflectionUtils.makeAccessible(field);
		return (ObservationCollector) ReflectionUtils.getField(field, factory.getRabbitConnectionFactory());
	}

	// As AbstractMessageListenerContainer.initializeProxy makes its listener's proxy.
	private ListenerInvoker proxy(Advice[] chain) {
		ProxyFactory factory = new ProxyFactory();
		for (Advice advice : chain) {
			factory.addAdvisor(new DefaultPointcutAdvisor(advice));
		}
		factory.addInterface(ListenerInvoker.class);
		factory.setTarget(this.plainListener);
		return (ListenerInvoker) factory.getProxy(ListenerInvoker.class.getClassLoader());
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * What a listener container calls for each delivery (its own interface of this shape
	 * is not public).
	 */
	public interface ListenerInvoker {

		void invokeListener(Channel channel, Object data);

	}

	/**
	 * An application's RabbitMQ beans: a connection factory (that connects only when
	 * used) and a listener container factory, with distrace's auto-configuration.
	 */
	@ImportAutoConfiguration(DistraceRabbitAutoConfiguration.class)
	static class Rabbit {

		@Bean
		CachingConnectionFactory connectionFactory() {
			return new CachingConnectionFactory("127.0.0.1");
		}

		@Bean
		SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory() {
			return new SimpleRabbitListenerContainerFactory();
		}

	}

}
