package io.github.distrace;

import java.time.Duration;

/**
 * Published as a Spring application event when distrace finds an N+1: one statement run
 * {@code distrace.jdbc.n-plus-one.threshold} times or more below one span of a request.
 * Published once per detection, when the request's local root span ends (at most
 * {@code distrace.jdbc.n-plus-one.max-reported} per local root; the rest are counted on
 * it), so a test that records application events can fail on a new N+1:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureMockMvc
 * &#64;RecordApplicationEvents
 * class OrdersTests {
 *     &#64;Test
 *     void listingHasNoNPlusOne(&#64;Autowired MockMvc mvc, &#64;Autowired ApplicationEvents events) throws Exception {
 *         mvc.perform(get("/orders")).andExpect(status().isOk());
 *         assertThat(events.stream(NPlusOneDetected.class)).isEmpty();
 *     }
 * }
 * </pre>
 *
 * @param endpoint the name of the request's local root span, such as {@code GET /orders}
 * @param spanName the name of the span the repeated statement ran below
 * @param statement the statement's {@code db.query.text} (sanitized unless configured
 * otherwise)
 * @param summary the statement's {@code db.query.summary}, such as {@code SELECT lines},
 * or an empty string
 * @param count how many times it ran below that span
 * @param totalDuration how long those executions took together
 * @param traceId the trace's id
 * @author distrace
 */
public record NPlusOneDetected(String endpoint, String spanName, String statement, String summary, long count,
		Duration totalDuration, String traceId) {

}
