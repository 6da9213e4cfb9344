package io.github.distrace.autoconfigure.sdk.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * A local root span that the tail decision kept, as every processor sees it at its end
 * and every exporter in its data: the span, with {@code distrace.sampling.kept} among its
 * attributes. The decision is made once the span has ended, where reading its status
 * costs no copy of its attributes (while it is ending, its data is a copy); by then the
 * span takes no more attributes, so the reason travels with it this way.
 *
 * @author distrace
 */
final class KeptRootSpan extends ForwardingReadableSpan {

	private final String reason;

	private final Attributes attributes;

	/**
	 * Mark a kept local root.
	 * @param span the ended local root span
	 * @param reason why it was kept
	 * @param attributes its attributes, as its data gives them
	 */
	KeptRootSpan(ReadableSpan span, KeepReason reason, Attributes attributes) {
		super(span);
		this.reason = reason.value();
		this.attributes = attributes.toBuilder().put(TailSamplingSpanProcessor.KEPT, this.reason).build();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T getAttribute(AttributeKey<T> key) {
		return TailSamplingSpanProcessor.KEPT.equals(key) ? (T) this.reason : super.getAttribute(key);
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public SpanData toSpanData() {
		return new KeptRootSpanData(super.toSpanData(), this.attributes);
	}

	private static final class KeptRootSpanData extends DelegatingSpanData {

		private final Attributes attributes;

		KeptRootSpanData(SpanData span, Attributes attributes) {
			super(span);
			this.attributes = attributes;
		}

		@Override
		public Attributes getAttributes() {
			return this.attributes;
		}

		@Override
		public int getTotalAttributeCount() {
			return super.getTotalAttributeCount() + 1;
		}

	}

}
