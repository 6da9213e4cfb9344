// distrace trace viewer. Plain JavaScript, no build step and no dependency.
// Every value that comes from a span is inserted as text (textContent), never as markup.
'use strict';

(function () {
	const REFRESH_MS = 5000;
	const PALETTE = ['#4f7be8', '#2fa37a', '#9061d8', '#e08a2c', '#1a9fb8', '#d3559b', '#7a9a2b', '#6366f1', '#b7791f', '#0f766e'];
	const serviceColors = new Map();
	const N_PLUS_ONE_EVENT = 'distrace.n_plus_one';
	const EXPLAIN_EVENT = 'distrace.db.explain';
	const PARAMETER_PREFIX = 'db.query.parameter.';
	const state = {
		services: [], timer: null, view: 'list', traceId: null, trace: null, selected: null, collapsed: new Set(),
		expandedGroups: new Set(), loading: false,
		// Numbers sort largest first on the first click, text A to Z.
		tables: {
			findings: { key: 'totalMs', desc: true, rows: [], raw: null },
			queries: { key: 'totalMs', desc: true, rows: [], raw: null, selected: null },
			endpoints: { key: 'count', desc: true, rows: [], raw: null }
		}
	};

	const $ = (id) => document.getElementById(id);

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined && text !== null) {
			node.textContent = String(text);
		}
		return node;
	}

	function colorOf(service) {
		if (!serviceColors.has(service)) {
			serviceColors.set(service, PALETTE[serviceColors.size % PALETTE.length]);
		}
		return serviceColors.get(service);
	}

	function serviceChip(service) {
		const chip = el('span', 'chip');
		const dot = el('span', 'dot');
		dot.style.background = colorOf(service);
		chip.append(dot, el('span', null, service));
		return chip;
	}

	// A duration or share as a bar against the largest shown, and as text.
	function barCell(className, value, largest, text) {
		const cell = el('td', className);
		const dur = el('div', 'dur');
		const track = el('div', 'dur-track');
		const fill = el('div', 'dur-fill');
		fill.style.width = Math.max(1, Math.round(100 * value / Math.max(largest, 1e-9))) + '%';
		track.append(fill);
		dur.append(track, el('span', 'dur-text', text));
		cell.append(dur);
		return cell;
	}

	function formatDuration(micros) {
		if (micros < 1000) {
			return micros + ' µs';
		}
		if (micros < 1000000) {
			const ms = micros / 1000;
			return (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) + ' ms';
		}
		const s = micros / 1000000;
		return (s < 10 ? s.toFixed(2) : s.toFixed(1)) + ' s';
	}

	function formatMillis(ms) {
		return formatDuration(Math.round(ms * 1000));
	}

	function notExportedBadge() {
		const badge = el('span', 'badge-local', 'not exported');
		badge.title = 'Not sampled and not kept by a keep rule: recorded here only, never sent to the exporters';
		return badge;
	}

	function nPlusOneBadge() {
		const badge = el('span', 'badge-n1', 'N+1');
		badge.title = 'An N+1: one statement run again and again below one span';
		return badge;
	}

	function plural(count, noun) {
		return count + ' ' + noun + (count === 1 ? '' : 's');
	}

	function queries(count) {
		return count + (count === 1 ? ' query' : ' queries');
	}

	function pad(n, width) {
		return String(n).padStart(width || 2, '0');
	}

	function formatTime(micros) {
		const d = new Date(Math.floor(micros / 1000));
		const time = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
		const today = new Date();
		if (d.toDateString() === today.toDateString()) {
			return time;
		}
		return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + time;
	}

	function formatAgo(micros) {
		const seconds = Math.max(0, Math.round((Date.now() - micros / 1000) / 1000));
		if (seconds < 60) {
			return seconds + ' s ago';
		}
		if (seconds < 3600) {
			return Math.floor(seconds / 60) + ' min ago';
		}
		return Math.floor(seconds / 3600) + ' h ago';
	}

	async function fetchJson(url) {
		const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
		let body = null;
		try {
			body = await response.json();
		}
		catch (e) {
			body = null;
		}
		if (!response.ok) {
			throw new Error((body && body.error) || ('HTTP ' + response.status));
		}
		return body;
	}

	function showMessage(id, text) {
		const node = $(id);
		node.textContent = text || '';
		node.hidden = !text;
	}

	function setStatus(text) {
		$('status').textContent = text;
	}

	// ---- Trace list ----

	function filterQuery() {
		const params = new URLSearchParams();
		const form = $('filters');
		for (const input of form.querySelectorAll('input, select')) {
			if (input.type === 'checkbox') {
				if (input.checked) {
					params.set(input.name, 'true');
				}
			}
			else if (input.value.trim() !== '') {
				params.set(input.name, input.value.trim());
			}
		}
		return params.toString();
	}

	async function loadList() {
		if (state.loading) {
			return;
		}
		state.loading = true;
		try {
			const query = filterQuery();
			const data = await fetchJson('api/traces' + (query ? '?' + query : ''));
			showMessage('list-message', null);
			updateServices(data.services);
			renderList(data.traces);
			setStatus(data.traces.length + ' shown · ' + data.storedTraces + ' of ' + data.maxTraces + ' kept · ' + formatTime(Date.now() * 1000).slice(0, 8));
		}
		catch (e) {
			showMessage('list-message', 'Could not load traces: ' + e.message);
		}
		finally {
			state.loading = false;
		}
	}

	function updateServices(services) {
		services.forEach(colorOf);
		if (services.join('\n') === state.services.join('\n')) {
			return;
		}
		state.services = services.slice();
		const select = $('f-service');
		const current = select.value;
		while (select.options.length > 1) {
			select.remove(1);
		}
		for (const service of services) {
			const option = el('option', null, service);
			option.value = service;
			select.append(option);
		}
		select.value = services.includes(current) ? current : '';
	}

	function renderList(traces) {
		const tbody = $('trace-list').tBodies[0];
		const longest = traces.reduce((max, t) => Math.max(max, t.durationMicros), 1);
		const rows = document.createDocumentFragment();
		for (const trace of traces) {
			const row = el('tr', trace.error ? 'trace-row has-error' : 'trace-row');
			row.dataset.traceId = trace.traceId;
			row.tabIndex = 0;

			const errCell = el('td', 'c-err');
			if (trace.error) {
				const mark = el('span', 'err-mark', '!');
				mark.title = 'A span of this trace failed';
				errCell.append(mark);
			}

			const nameCell = el('td');
			const name = el('span', 'root-name', trace.rootName);
			if (trace.nPlusOne) {
				name.append(nPlusOneBadge());
			}
			if (!trace.exported) {
				name.append(notExportedBadge());
			}
			if (!trace.complete) {
				name.append(el('span', 'partial', '(root span not received)'));
			}
			nameCell.append(name, el('span', 'trace-id', trace.traceId));

			const servicesCell = el('td');
			trace.services.forEach((service) => servicesCell.append(serviceChip(service)));

			const timeCell = el('td', 'c-time');
			timeCell.append(el('span', 'time', formatTime(trace.startMicros)), el('span', 'ago', formatAgo(trace.startMicros)));

			const durCell = barCell('c-dur', trace.durationMicros, longest, formatDuration(trace.durationMicros));

			const queriesCell = el('td', 'c-num', trace.queryCount || '');
			const dbCell = el('td', 'c-db', trace.queryCount ? formatDuration(trace.dbDurationMicros) : '');
			row.append(errCell, nameCell, servicesCell, timeCell, durCell, queriesCell, dbCell, el('td', 'c-num', trace.spanCount));
			rows.append(row);
		}
		tbody.replaceChildren(rows);
		const filtered = filterQuery() !== '';
		$('empty').hidden = traces.length > 0;
		$('empty').querySelector('.empty-title').textContent = filtered ? 'No trace matches these filters' : 'No traces yet';
		$('trace-list').hidden = traces.length === 0;
	}

	// ---- Queries and Endpoints views ----

	function sortValue(row, key) {
		const value = row[key];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	function sortRows(table) {
		const { key, desc } = table;
		return table.rows.slice().sort((a, b) => {
			const x = sortValue(a, key);
			const y = sortValue(b, key);
			const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
			return desc ? -order : order;
		});
	}

	function renderSortHeaders(tableId, table) {
		for (const th of $(tableId).tHead.querySelectorAll('th[data-sort]')) {
			const active = th.dataset.sort === table.key;
			th.classList.toggle('sorted', active);
			th.setAttribute('aria-sort', active ? (table.desc ? 'descending' : 'ascending') : 'none');
		}
	}

	// A table refreshed with the same data is left as it is, so that a row being clicked stays.
	async function loadTable(name, url, render) {
		const table = state.tables[name];
		try {
			const data = await fetchJson(url);
			showMessage(name + '-message', null);
			const raw = JSON.stringify(data);
			if (raw !== table.raw) {
				table.raw = raw;
				table.rows = data[name];
				render();
			}
			const noun = { findings: 'finding', queries: 'statement', endpoints: 'endpoint' }[name];
			setStatus(plural(table.rows.length, noun) + ' · ' + formatTime(Date.now() * 1000).slice(0, 8));
		}
		catch (e) {
			showMessage(name + '-message', 'Could not load ' + name + ': ' + e.message);
		}
	}

	function loadQueries() {
		return loadTable('queries', 'api/queries', renderQueries);
	}

	function loadFindings() {
		return loadTable('findings', 'api/findings', renderFindings);
	}

	const FINDING_NAMES = { n_plus_one: 'N+1', slow_query: 'Slow', large_result: 'Large result', pool_wait: 'Pool wait', failed_query: 'Failed' };

	function renderFindings() {
		const table = state.tables.findings;
		const largest = table.rows.reduce((max, f) => Math.max(max, f.totalMs), 0);
		const rows = document.createDocumentFragment();
		for (const finding of sortRows(table)) {
			const row = el('tr', 'finding-row');
			const kind = el('td', 'finding-kind');
			kind.append(el('span', 'badge finding-' + finding.kind, FINDING_NAMES[finding.kind] || finding.kind));
			const statement = el('td', 'statement');
			const text = el('span', 'q-text', finding.statement);
			text.title = finding.statement;
			statement.append(text, el('span', 'finding-hint', finding.hint));
			const traces = el('td', 'finding-traces');
			for (const traceId of finding.exampleTraceIds) {
				const link = el('a', 'trace-link', traceId.slice(0, 8));
				link.href = '#/trace/' + traceId;
				link.title = traceId;
				traces.append(link);
			}
			row.append(kind, el('td', 'root-name', finding.endpoint), statement, el('td', 'c-num', finding.count),
				barCell('c-total', finding.totalMs, largest, formatMillis(finding.totalMs)), traces);
			rows.append(row);
		}
		$('finding-table').tBodies[0].replaceChildren(rows);
		renderSortHeaders('finding-table', table);
		$('finding-table').hidden = table.rows.length === 0;
		$('findings-empty').hidden = table.rows.length > 0;
	}

	function loadEndpoints() {
		return loadTable('endpoints', 'api/endpoints', renderEndpoints);
	}

	function endpointChips(endpoints) {
		const cell = el('td', 'endpoints');
		endpoints.forEach((endpoint) => cell.append(el('span', 'endpoint', endpoint)));
		return cell;
	}

	function isSelectedQuery(row) {
		const selected = state.tables.queries.selected;
		return selected !== null && selected.text === row.text && selected.summary === row.summary;
	}

	function renderQueries() {
		const table = state.tables.queries;
		const largest = table.rows.reduce((max, q) => Math.max(max, q.totalMs), 0);
		const indexes = new Map(table.rows.map((query, index) => [query, index]));
		const rows = document.createDocumentFragment();
		sortRows(table).forEach((query) => {
			const row = el('tr', isSelectedQuery(query) ? 'query-row selected' : 'query-row');
			row.tabIndex = 0;
			row.dataset.index = String(indexes.get(query));
			const statement = el('td', 'statement');
			statement.append(el('span', 'q-summary', query.summary));
			const text = el('span', 'q-text', query.text || '(statement not captured)');
			text.title = query.text;
			statement.append(text);
			row.append(statement, el('td', 'c-num', query.count), barCell('c-total', query.totalMs, largest, formatMillis(query.totalMs)),
				el('td', 'c-num', formatMillis(query.meanMs)), el('td', 'c-num', formatMillis(query.p95Ms)),
				el('td', 'c-num', formatMillis(query.maxMs)), endpointChips(query.endpoints));
			rows.append(row);
		});
		$('query-table').tBodies[0].replaceChildren(rows);
		renderSortHeaders('query-table', table);
		$('query-table').hidden = table.rows.length === 0;
		$('queries-empty').hidden = table.rows.length > 0;
	}

	function renderEndpoints() {
		const table = state.tables.endpoints;
		const rows = document.createDocumentFragment();
		for (const endpoint of sortRows(table)) {
			const row = el('tr', endpoint.errors ? 'endpoint-row has-error' : 'endpoint-row');
			row.tabIndex = 0;
			row.dataset.name = endpoint.name;
			const errors = el('td', 'c-num', endpoint.errors);
			errors.classList.toggle('err-count', endpoint.errors > 0);
			row.append(el('td', 'root-name', endpoint.name), el('td', 'c-num', endpoint.count), errors,
				el('td', 'c-num', formatMillis(endpoint.p50Ms)), el('td', 'c-num', formatMillis(endpoint.p95Ms)),
				el('td', 'c-num', formatMillis(endpoint.maxMs)), el('td', 'c-num', endpoint.queriesPerRequest.toFixed(1)),
				barCell('c-total', endpoint.dbShare, 1, Math.round(endpoint.dbShare * 100) + ' %'));
			rows.append(row);
		}
		$('endpoint-table').tBodies[0].replaceChildren(rows);
		renderSortHeaders('endpoint-table', table);
		$('endpoint-table').hidden = table.rows.length === 0;
		$('endpoints-empty').hidden = table.rows.length > 0;
	}

	// Statements are matched exactly; one whose text was not captured by its summary, the
	// name of its spans.
	async function loadQueryTraces() {
		const query = state.tables.queries.selected;
		const panel = $('query-traces');
		if (!query) {
			panel.replaceChildren(el('p', 'hint', 'Select a statement to list the traces that ran it.'));
			return;
		}
		const params = new URLSearchParams(query.text ? { statement: query.text } : { name: query.summary });
		params.set('limit', '100');
		const nodes = [el('h2', null, query.summary)];
		if (query.text) {
			nodes.push(el('pre', 'code', query.text));
		}
		if (query.plan) {
			nodes.push(el('h3', null, 'Latest plan'), el('pre', 'code plan', query.plan));
		}
		try {
			const data = await fetchJson('api/traces?' + params);
			if (state.tables.queries.selected !== query) {
				return;
			}
			nodes.push(el('h3', null, 'Traces that ran it (' + data.traces.length + ')'));
			const list = el('div', 'query-trace-list');
			for (const trace of data.traces) {
				const item = el('a', trace.error ? 'query-trace has-error' : 'query-trace');
				item.href = '#/trace/' + trace.traceId;
				item.dataset.traceId = trace.traceId;
				const name = el('span', 'root-name', trace.rootName);
				if (trace.nPlusOne) {
					name.append(nPlusOneBadge());
				}
				const facts = el('span', 'ago', formatTime(trace.startMicros) + ' · ' + formatDuration(trace.durationMicros)
					+ ' · ' + queries(trace.queryCount) + ' in ' + formatDuration(trace.dbDurationMicros));
				item.append(name, facts);
				list.append(item);
			}
			nodes.push(data.traces.length ? list : el('p', 'hint', 'No stored trace ran it any more.'));
		}
		catch (e) {
			nodes.push(el('div', 'status-error', 'Could not load its traces: ' + e.message));
		}
		panel.replaceChildren(...nodes);
	}

	function sortBy(name, render, e) {
		const th = e.target.closest('th[data-sort]');
		if (!th) {
			return;
		}
		const table = state.tables[name];
		if (table.key === th.dataset.sort) {
			table.desc = !table.desc;
		}
		else {
			table.key = th.dataset.sort;
			table.desc = typeof sortValue(table.rows[0] || {}, table.key) === 'number';
		}
		render();
	}

	// ---- One trace ----

	async function loadTrace(traceId) {
		state.traceId = traceId;
		try {
			const trace = await fetchJson('api/traces/' + encodeURIComponent(traceId));
			if (state.traceId !== traceId) {
				return;
			}
			showMessage('trace-message', null);
			state.trace = prepare(trace);
			if (!state.trace.byId.has(state.selected)) {
				state.selected = null;
			}
			renderTrace();
			setStatus(plural(trace.spans.length, 'span') + ' · ' + formatTime(Date.now() * 1000).slice(0, 8));
		}
		catch (e) {
			state.trace = null;
			$('trace-title').textContent = 'Trace ' + traceId;
			$('trace-meta').replaceChildren();
			$('wf-rows').replaceChildren();
			$('axis').replaceChildren();
			showMessage('trace-message', e.message);
		}
	}

	// Builds the tree: children by parent, in start order; spans whose parent is missing
	// become roots, so that a partial trace still shows every span.
	function prepare(trace) {
		const byId = new Map(trace.spans.map((span) => [span.spanId, span]));
		const children = new Map();
		const roots = [];
		for (const span of trace.spans) {
			if (span.parentSpanId && byId.has(span.parentSpanId) && span.parentSpanId !== span.spanId) {
				if (!children.has(span.parentSpanId)) {
					children.set(span.parentSpanId, []);
				}
				children.get(span.parentSpanId).push(span);
			}
			else {
				roots.push(span);
			}
		}
		const start = Math.min(...trace.spans.map((s) => s.startMicros));
		const end = Math.max(...trace.spans.map((s) => s.endMicros));
		const groupOf = nPlusOneGroups(trace.spans, byId);
		return { data: trace, byId, children, roots, groupOf, start, total: Math.max(1, end - start) };
	}

	function isQuery(span) {
		return span.kind === 'CLIENT' && Boolean(span.attributes['db.system.name'] || span.attributes['db.system']);
	}

	function flags(span, sql) {
		return span.events.some((e) => e.name === N_PLUS_ONE_EVENT && e.attributes['db.query.text'] === sql);
	}

	// An N+1 group: the query spans with the statement of a distrace.n_plus_one event below
	// the span that carries it; each query joins the group of its nearest flagging ancestor.
	function nPlusOneGroups(spans, byId) {
		const groups = new Map();
		for (const span of spans) {
			const sql = sqlOf(span);
			if (!sql || !isQuery(span)) {
				continue;
			}
			let owner = byId.get(span.parentSpanId);
			for (let steps = 0; owner && !flags(owner, sql) && steps < spans.length; steps++) {
				owner = byId.get(owner.parentSpanId);
			}
			if (owner && flags(owner, sql)) {
				const id = owner.spanId + ' ' + sql;
				if (!groups.has(id)) {
					groups.set(id, { id, owner, sql, summary: span.attributes['db.query.summary'] || span.name, spans: [] });
				}
				groups.get(id).spans.push(span);
			}
		}
		const groupOf = new Map();
		for (const group of groups.values()) {
			if (group.spans.length > 1) {
				group.totalMicros = group.spans.reduce((sum, s) => sum + s.durationMicros, 0);
				group.spans.forEach((s) => groupOf.set(s.spanId, group));
			}
		}
		return groupOf;
	}

	// An N+1 group has a row of its own where its first query is; collapsed, it stands for
	// all its queries, wherever they are below the flagged span.
	function visibleRows() {
		const rows = [];
		const seen = new Set();
		const walk = (span, depth) => {
			if (seen.has(span.spanId)) {
				return;
			}
			seen.add(span.spanId);
			const group = state.trace.groupOf.get(span.spanId);
			if (group) {
				if (!seen.has(group.id)) {
					seen.add(group.id);
					rows.push({ group, depth });
				}
				if (!state.expandedGroups.has(group.id)) {
					return;
				}
			}
			rows.push({ span, depth, group });
			if (!state.collapsed.has(span.spanId)) {
				(state.trace.children.get(span.spanId) || []).forEach((child) => walk(child, depth + 1));
			}
		};
		state.trace.roots.forEach((root) => walk(root, 0));
		return rows;
	}

	function renderTrace() {
		const t = state.trace;
		const root = t.roots[0];
		$('trace-title').textContent = root ? root.name : t.data.traceId;
		renderMeta(t);
		renderAxis(t);
		renderRows();
		renderDetails();
	}

	function renderMeta(t) {
		const meta = $('trace-meta');
		const services = [...new Set(t.data.spans.map((s) => s.service))];
		const errors = t.data.spans.filter((s) => s.status === 'ERROR').length;
		const items = [];
		const fact = (label, value, cls) => {
			const span = el('span', null, label + ' ');
			span.append(el('b', cls, value));
			items.push(span);
		};
		const id = el('span', null, 'Trace ');
		id.append(el('span', 'mono', t.data.traceId));
		items.push(id);
		fact('Started', formatTime(t.start));
		fact('Duration', formatDuration(t.total));
		fact('Spans', t.data.spans.length + (t.data.droppedSpans ? ' (+' + t.data.droppedSpans + ' dropped)' : ''));
		const queries = t.data.spans.filter(isQuery);
		if (queries.length) {
			fact('Queries', queries.length);
			fact('DB time', formatDuration(queries.reduce((sum, s) => sum + s.durationMicros, 0)));
		}
		if (t.groupOf.size || t.data.spans.some((s) => s.attributes['distrace.db.n_plus_one'] === true)) {
			items.push(nPlusOneBadge());
		}
		if (t.data.exported === false) {
			items.push(notExportedBadge());
		}
		if (errors) {
			items.push(el('span', 'err-count', plural(errors, 'error')));
		}
		const chips = el('span');
		services.forEach((service) => chips.append(serviceChip(service)));
		items.push(chips);
		meta.replaceChildren(...items);
	}

	// The end of the axis needs no label: the trace's duration is in the header.
	function tickPositions() {
		return [0, 0.25, 0.5, 0.75];
	}

	function renderAxis(t) {
		const axis = $('axis');
		const ticks = tickPositions().map((f) => {
			const tick = el('div', 'tick', formatDuration(Math.round(f * t.total)));
			tick.style.left = (f * 100) + '%';
			return tick;
		});
		axis.replaceChildren(...ticks);
	}

	function sqlOf(span) {
		return span.attributes['db.query.text'] || span.attributes['db.statement'] || null;
	}

	function groupRow(group, depth) {
		const t = state.trace;
		const expanded = state.expandedGroups.has(group.id);
		const row = el('div', 'span-row group-row');
		row.dataset.group = group.id;
		row.dataset.depth = String(depth);
		row.tabIndex = 0;
		const label = el('div', 'span-label');
		label.style.borderLeftColor = colorOf(group.owner.service);
		label.style.paddingLeft = (8 + depth * 16) + 'px';
		const twisty = el('button', 'twisty', expanded ? '▾' : '▸');
		twisty.type = 'button';
		twisty.title = expanded ? 'Collapse the N+1 group' : 'Expand ' + group.spans.length + ' queries';
		const text = el('div', 'label-text');
		const line = el('div', 'span-name');
		line.append(nPlusOneBadge(), el('span', 'name', group.summary),
			el('span', 'group-count', '× ' + group.spans.length + ', ' + formatDuration(group.totalMicros) + ' in all'));
		const statement = el('div', 'sql', group.sql);
		statement.title = group.sql;
		text.append(line, statement);
		label.append(twisty, text);
		const timeline = el('div', 'span-timeline');
		for (const span of group.spans) {
			const bar = el('div', 'bar group-bar');
			bar.style.left = (100 * (span.startMicros - t.start) / t.total) + '%';
			bar.style.width = (100 * span.durationMicros / t.total) + '%';
			bar.style.background = colorOf(span.service);
			timeline.append(bar);
		}
		row.append(label, timeline);
		return row;
	}

	function renderRows() {
		const t = state.trace;
		const fragment = document.createDocumentFragment();
		for (const { span, depth, group } of visibleRows()) {
			if (!span) {
				fragment.append(groupRow(group, depth));
				continue;
			}
			const error = span.status === 'ERROR';
			const row = el('div', 'span-row' + (error ? ' error' : '') + (group ? ' nplus1' : '') + (span.spanId === state.selected ? ' selected' : ''));
			row.dataset.spanId = span.spanId;
			row.dataset.depth = String(depth);
			row.tabIndex = 0;

			const label = el('div', 'span-label');
			label.style.borderLeftColor = colorOf(span.service);
			label.style.paddingLeft = (8 + depth * 16) + 'px';
			const kids = t.children.get(span.spanId) || [];
			const twisty = el('button', kids.length ? 'twisty' : 'twisty leaf', kids.length ? (state.collapsed.has(span.spanId) ? '▸' : '▾') : '');
			twisty.type = 'button';
			twisty.title = state.collapsed.has(span.spanId) ? 'Expand ' + kids.length + ' child spans' : 'Collapse';
			twisty.dataset.toggle = span.spanId;
			const text = el('div', 'label-text');
			const line = el('div', 'span-name');
			const kind = el('span', 'kind kind-' + span.kind, span.kind.toLowerCase());
			kind.title = 'Span kind ' + span.kind;
			line.append(kind, el('span', 'name', span.name));
			if (error) {
				line.append(el('span', 'err-mark', '!'));
			}
			line.append(el('span', 'service', span.service));
			text.append(line);
			const sql = sqlOf(span);
			if (sql) {
				const statement = el('div', 'sql', sql);
				statement.title = String(sql);
				text.append(statement);
			}
			label.append(twisty, text);

			const timeline = el('div', 'span-timeline');
			for (const f of tickPositions().slice(1)) {
				const grid = el('div', 'gridline');
				grid.style.left = (f * 100) + '%';
				timeline.append(grid);
			}
			const left = 100 * (span.startMicros - t.start) / t.total;
			const width = 100 * span.durationMicros / t.total;
			const bar = el('div', error ? 'bar error' : 'bar');
			bar.style.left = left + '%';
			bar.style.width = width + '%';
			bar.style.background = colorOf(span.service);
			bar.title = span.name + ' · ' + formatDuration(span.durationMicros);
			const barLabel = el('span', 'bar-label', formatDuration(span.durationMicros));
			barLabel.style.left = 'calc(' + (left + width) + '% )';
			timeline.append(bar, barLabel);

			row.append(label, timeline);
			fragment.append(row);
		}
		$('wf-rows').replaceChildren(fragment);
	}

	function kvTable(attributes) {
		const table = el('table', 'kv');
		const body = el('tbody');
		const keys = Object.keys(attributes).sort();
		for (const key of keys) {
			const row = el('tr');
			const value = attributes[key];
			row.append(el('td', null, key), el('td', null, Array.isArray(value) ? JSON.stringify(value) : String(value)));
			body.append(row);
		}
		table.append(body);
		return table;
	}

	// A slow or failed statement's bind values (db.query.parameter.<index>) and plan (event distrace.db.explain).
	function slowQueryDetails(span) {
		const nodes = [];
		const parameters = Object.keys(span.attributes)
			.filter((key) => key.startsWith(PARAMETER_PREFIX))
			.map((key) => Number(key.slice(PARAMETER_PREFIX.length)))
			.sort((a, b) => a - b);
		if (parameters.length) {
			// Numbered from 0, as the attributes are.
			const list = el('ol', 'parameters');
			parameters.forEach((index) => {
				const item = el('li', null, String(span.attributes[PARAMETER_PREFIX + index]));
				item.value = index;
				list.append(item);
			});
			nodes.push(el('h3', null, 'Parameters'), list);
		}
		const explain = span.events.find((e) => e.name === EXPLAIN_EVENT);
		if (explain) {
			const plan = explain.attributes['distrace.db.plan'];
			nodes.push(el('h3', null, 'Plan'), plan ? el('pre', 'code plan', plan)
				: el('p', 'hint', 'No plan: ' + (explain.attributes['distrace.db.plan.error'] || 'unknown')));
		}
		return nodes;
	}

	function section(parent, title, content) {
		parent.append(el('h3', null, title), content);
	}

	function renderDetails() {
		const panel = $('details');
		const span = state.selected && state.trace ? state.trace.byId.get(state.selected) : null;
		if (!span) {
			panel.replaceChildren(el('p', 'hint', 'Select a span to see its attributes, events and resource.'));
			return;
		}
		const nodes = [];
		const title = el('h2');
		title.append(el('span', 'kind kind-' + span.kind, span.kind.toLowerCase()), el('span', null, span.name));
		nodes.push(title);

		const facts = el('div', 'facts');
		const add = (label, value) => facts.append(el('span', null, label), el('span', null, value));
		add('Service', span.service);
		add('Duration', formatDuration(span.durationMicros));
		add('Starts at', '+' + formatDuration(span.startMicros - state.trace.start));
		add('Status', span.status);
		add('Span id', span.spanId);
		add('Parent id', span.parentSpanId || '—');
		if (span.scope) {
			add('Scope', span.scope);
		}
		nodes.push(facts);
		if (span.status === 'ERROR') {
			nodes.push(el('div', 'status-error', span.statusMessage || 'This span ended with an error.'));
		}

		const sql = sqlOf(span);
		if (sql) {
			nodes.push(el('h3', null, 'SQL'), el('pre', 'code', sql));
		}
		nodes.push(...slowQueryDetails(span));
		const attributeCount = Object.keys(span.attributes).length;
		nodes.push(el('h3', null, 'Attributes (' + attributeCount + ')'));
		nodes.push(attributeCount ? kvTable(span.attributes) : el('p', 'hint', 'None'));

		nodes.push(el('h3', null, 'Events (' + span.events.length + ')'));
		if (!span.events.length) {
			nodes.push(el('p', 'hint', 'None'));
		}
		for (const event of span.events) {
			const isException = event.name === 'exception';
			const box = el('div', isException ? 'event exception' : 'event');
			const head = el('div', 'event-head');
			head.append(el('span', null, event.name), el('span', 'at', '+' + formatDuration(Math.max(0, event.timeMicros - state.trace.start))));
			box.append(head);
			const attributes = Object.assign({}, event.attributes);
			if (isException) {
				const type = attributes['exception.type'];
				const message = attributes['exception.message'];
				if (type || message) {
					box.append(el('div', 'exception-title', [type, message].filter(Boolean).join(': ')));
				}
				const stack = attributes['exception.stacktrace'];
				if (stack) {
					box.append(el('pre', 'code stack', stack));
				}
				delete attributes['exception.type'];
				delete attributes['exception.message'];
				delete attributes['exception.stacktrace'];
			}
			if (Object.keys(attributes).length) {
				box.append(kvTable(attributes));
			}
			nodes.push(box);
		}
		nodes.push(el('h3', null, 'Resource'));
		nodes.push(kvTable(span.resource));
		panel.replaceChildren(...nodes);
		panel.scrollTop = 0;
	}

	// ---- Navigation and events ----

	function extractTraceId(text) {
		const value = text.trim().toLowerCase();
		const match = value.match(/(?:^|[^0-9a-f])([0-9a-f]{32})(?![0-9a-f])/);
		return match ? match[1] : null;
	}

	const VIEWS = { findings: loadFindings, list: loadList, queries: loadQueries, endpoints: loadEndpoints };

	function showView(view) {
		state.view = view;
		for (const name of ['findings', 'list', 'queries', 'endpoints', 'trace']) {
			$(name + '-view').hidden = name !== view;
		}
		for (const name of Object.keys(VIEWS)) {
			const current = name === view || (name === 'list' && view === 'trace');
			$('tab-' + name).classList.toggle('current', current);
			if (current) {
				$('tab-' + name).setAttribute('aria-current', 'page');
			}
			else {
				$('tab-' + name).removeAttribute('aria-current');
			}
		}
	}

	function route() {
		const match = location.hash.match(/^#\/trace\/([0-9a-fA-F]{32})$/);
		if (match) {
			const traceId = match[1].toLowerCase();
			if (traceId !== state.traceId) {
				state.selected = null;
				state.collapsed.clear();
				state.expandedGroups.clear();
				$('details').replaceChildren(el('p', 'hint', 'Select a span to see its attributes, events and resource.'));
			}
			showView('trace');
			loadTrace(traceId);
		}
		else {
			state.traceId = null;
			const view = { '#/findings': 'findings', '#/queries': 'queries', '#/endpoints': 'endpoints' }[location.hash] || 'list';
			showView(view);
			VIEWS[view]();
		}
	}

	function refresh() {
		if (state.traceId) {
			loadTrace(state.traceId);
		}
		else {
			VIEWS[state.view]();
		}
	}

	function scheduleRefresh() {
		clearInterval(state.timer);
		state.timer = null;
		if ($('auto-refresh').checked) {
			state.timer = setInterval(() => {
				// Only the lists refresh themselves: a trace being read stays still until asked.
				if (!document.hidden && !state.traceId) {
					VIEWS[state.view]();
				}
			}, REFRESH_MS);
		}
	}

	function debounce(fn, ms) {
		let handle = null;
		return () => {
			clearTimeout(handle);
			handle = setTimeout(fn, ms);
		};
	}

	function init() {
		const reload = debounce(loadList, 250);
		$('filters').addEventListener('input', reload);
		$('filters').addEventListener('change', reload);
		$('filters').addEventListener('submit', (e) => {
			e.preventDefault();
			loadList();
		});
		$('filters').addEventListener('reset', () => setTimeout(loadList, 0));
		$('refresh').addEventListener('click', refresh);
		$('auto-refresh').addEventListener('change', scheduleRefresh);
		$('open-form').addEventListener('submit', (e) => {
			e.preventDefault();
			const traceId = extractTraceId($('open-id').value);
			if (!traceId) {
				setStatus('Not a trace id: expected 32 hexadecimal digits');
				return;
			}
			$('open-id').value = '';
			location.hash = '#/trace/' + traceId;
		});
		$('trace-list').tBodies[0].addEventListener('click', (e) => {
			const row = e.target.closest('tr[data-trace-id]');
			if (row) {
				location.hash = '#/trace/' + row.dataset.traceId;
			}
		});
		$('query-table').tHead.addEventListener('click', (e) => sortBy('queries', renderQueries, e));
		$('endpoint-table').tHead.addEventListener('click', (e) => sortBy('endpoints', renderEndpoints, e));
		$('finding-table').tHead.addEventListener('click', (e) => sortBy('findings', renderFindings, e));
		$('query-table').tBodies[0].addEventListener('click', (e) => {
			const row = e.target.closest('tr[data-index]');
			if (row) {
				state.tables.queries.selected = state.tables.queries.rows[Number(row.dataset.index)];
				for (const other of $('query-table').querySelectorAll('tr.selected')) {
					other.classList.remove('selected');
				}
				row.classList.add('selected');
				loadQueryTraces();
			}
		});
		$('endpoint-table').tBodies[0].addEventListener('click', (e) => {
			const row = e.target.closest('tr[data-name]');
			if (row) {
				$('filters').reset();
				$('filters').elements.namedItem('name').value = row.dataset.name;
				location.hash = '#/';
			}
		});
		// Enter on a focused row does what a click does.
		for (const container of [$('trace-list').tBodies[0], $('wf-rows'), $('query-table').tBodies[0], $('endpoint-table').tBodies[0]]) {
			container.addEventListener('keydown', (e) => {
				if (e.key === 'Enter' && (e.target.matches('tr[tabindex]') || e.target.matches('.span-row'))) {
					e.preventDefault();
					e.target.click();
				}
			});
		}
		$('wf-rows').addEventListener('click', (e) => {
			const group = e.target.closest('[data-group]');
			if (group) {
				const id = group.dataset.group;
				if (!state.expandedGroups.delete(id)) {
					state.expandedGroups.add(id);
				}
				renderRows();
				return;
			}
			const toggle = e.target.closest('[data-toggle]');
			if (toggle) {
				const id = toggle.dataset.toggle;
				if (state.collapsed.has(id)) {
					state.collapsed.delete(id);
				}
				else {
					state.collapsed.add(id);
				}
				renderRows();
				return;
			}
			const row = e.target.closest('.span-row');
			if (row) {
				state.selected = row.dataset.spanId;
				for (const other of $('wf-rows').querySelectorAll('.span-row.selected')) {
					other.classList.remove('selected');
				}
				row.classList.add('selected');
				renderDetails();
			}
		});
		$('expand-all').addEventListener('click', () => {
			state.collapsed.clear();
			state.expandedGroups = new Set(state.trace ? [...state.trace.groupOf.values()].map((g) => g.id) : []);
			renderRows();
		});
		$('collapse-all').addEventListener('click', () => {
			state.collapsed = new Set(state.trace ? state.trace.children.keys() : []);
			state.expandedGroups.clear();
			renderRows();
		});
		window.addEventListener('hashchange', route);
		scheduleRefresh();
		route();
	}

	init();
})();
