package io.github.distrace.autoconfigure.ui;

import java.util.List;

/**
 * The JSON documents of the Queries and Endpoints views. Times are milliseconds, to the
 * microsecond.
 *
 * @author distrace
 */
final class StatisticsJson {

	private StatisticsJson() {
	}

	static String queries(List<QueryStatistics> rows) {
		JsonWriter json = new JsonWriter().beginObject().name("queries").beginArray();
		for (QueryStatistics row : rows) {
			Durations durations = row.durations();
			json.beginObject()
				.name("text")
				.value(row.text())
				.name("summary")
				.value(row.summary())
				.name("count")
				.value(durations.count())
				.name("totalMs")
				.value(millis(durations.total()))
				.name("meanMs")
				.value(millis(durations.mean()))
				.name("p95Ms")
				.value(millis(durations.percentile(95)))
				.name("maxMs")
				.value(millis(durations.max()))
				.name("endpoints")
				.beginArray();
			row.endpoints().forEach(json::value);
			json.endArray();
			String plan = row.plan().text();
			if (plan != null) {
				json.name("plan").value(plan);
			}
			json.endObject();
		}
		return json.endArray().endObject().toString();
	}

	static String endpoints(List<EndpointStatistics> rows) {
		JsonWriter json = new JsonWriter().beginObject().name("endpoints").beginArray();
		for (EndpointStatistics row : rows) {
			Durations durations = row.durations();
			json.beginObject()
				.name("name")
				.value(row.name())
				.name("count")
				.value(row.count())
				.name("errors")
				.value(row.errors())
				.name("p50Ms")
				.value(millis(durations.percentile(50)))
				.name("p95Ms")
				.value(millis(durations.percentile(95)))
				.name("maxMs")
				.value(millis(durations.max()))
				.name("queriesPerRequest")
				.value(round(row.queriesPerRequest(), 100))
				.name("dbShare")
				.value(round(row.dbShare(), 10_000))
				.endObject();
		}
		return json.endArray().endObject().toString();
	}

	static String findings(List<Finding> rows) {
		JsonWriter json = new JsonWriter().beginObject().name("findings").beginArray();
		for (Finding row : rows) {
			json.beginObject()
				.name("kind")
				.value(row.kind().value())
				.name("endpoint")
				.value(row.endpoint())
				.name("statement")
				.value(row.statement())
				.name("count")
				.value(row.count())
				.name("totalMs")
				.value(round(row.totalMs(), 1000))
				.name("hint")
				.value(row.hint())
				.name("exampleTraceIds")
				.beginArray();
			row.exampleTraceIds().forEach(json::value);
			json.endArray().endObject();
		}
		return json.endArray().endObject().toString();
	}

	private static double millis(double nanos) {
		return round(nanos / 1_000_000, 1000);
	}

	private static double round(double value, int scale) {
		return Math.round(value * scale) / (double) scale;
	}

}
