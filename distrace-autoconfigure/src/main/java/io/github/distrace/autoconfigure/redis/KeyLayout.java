package io.github.distrace.autoconfigure.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which arguments of a Redis command are keys. Everything that is not a key, and every
 * argument of a command not listed here, is treated as a value and never shown.
 *
 * @author distrace
 */
enum KeyLayout {

	/**
	 * No argument is a key: {@code AUTH}, {@code HELLO}, {@code PING}, unknown commands.
	 */
	NONE,

	/** The first argument is the key: {@code GET key}, {@code SET key value}. */
	FIRST,

	/** The first two arguments are keys: {@code RENAME source destination}. */
	FIRST_TWO,

	/** Every argument is a key: {@code MGET key...}, {@code DEL key...}. */
	ALL,

	/** Every argument but the last is a key: {@code BLPOP key... timeout}. */
	ALL_BUT_LAST,

	/** Keys and values alternate: {@code MSET key value...}. */
	ALTERNATING,

	/**
	 * A script or function, its number of keys, the keys, then its arguments:
	 * {@code EVAL script numkeys key... arg...}.
	 */
	SCRIPT;

	private static final Map<String, KeyLayout> COMMANDS = new HashMap<>();

	static {
		register(FIRST, "GET", "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "GETDEL", "GETEX", "APPEND", "STRLEN",
				"GETRANGE", "SETRANGE", "SUBSTR", "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "GETBIT", "SETBIT",
				"BITCOUNT", "BITPOS", "BITFIELD", "BITFIELD_RO", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT",
				"EXPIRETIME", "PEXPIRETIME", "TTL", "PTTL", "PERSIST", "TYPE", "DUMP", "RESTORE", "HGET", "HSET",
				"HSETNX", "HMSET", "HMGET", "HGETALL", "HDEL", "HEXISTS", "HINCRBY", "HINCRBYFLOAT", "HKEYS", "HVALS",
				"HLEN", "HSTRLEN", "HSCAN", "HRANDFIELD", "HGETDEL", "HGETEX", "HSETEX", "HEXPIRE", "HPEXPIRE",
				"HEXPIREAT", "HPEXPIREAT", "HTTL", "HPTTL", "HPERSIST", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LPOP",
				"RPOP", "LRANGE", "LLEN", "LINDEX", "LSET", "LREM", "LTRIM", "LINSERT", "LPOS", "SADD", "SREM",
				"SMEMBERS", "SISMEMBER", "SMISMEMBER", "SCARD", "SPOP", "SRANDMEMBER", "SSCAN", "ZADD", "ZREM",
				"ZRANGE", "ZRANGEBYSCORE", "ZRANGEBYLEX", "ZREVRANGE", "ZREVRANGEBYSCORE", "ZREVRANGEBYLEX", "ZSCORE",
				"ZMSCORE", "ZINCRBY", "ZCARD", "ZCOUNT", "ZLEXCOUNT", "ZRANK", "ZREVRANK", "ZREMRANGEBYRANK",
				"ZREMRANGEBYSCORE", "ZREMRANGEBYLEX", "ZSCAN", "ZPOPMIN", "ZPOPMAX", "ZRANDMEMBER", "PFADD", "GEOADD",
				"GEODIST", "GEOHASH", "GEOPOS", "GEOSEARCH", "GEORADIUS_RO", "GEORADIUSBYMEMBER_RO", "XADD", "XLEN",
				"XRANGE", "XREVRANGE", "XDEL", "XTRIM", "XACK", "XCLAIM", "XAUTOCLAIM", "XPENDING", "SORT", "SORT_RO",
				"PUBLISH", "SPUBLISH");
		register(FIRST_TWO, "RENAME", "RENAMENX", "COPY", "RPOPLPUSH", "BRPOPLPUSH", "LMOVE", "BLMOVE", "SMOVE",
				"GEOSEARCHSTORE", "ZRANGESTORE");
		register(ALL, "MGET", "DEL", "UNLINK", "EXISTS", "TOUCH", "WATCH", "SINTER", "SUNION", "SDIFF", "SINTERSTORE",
				"SUNIONSTORE", "SDIFFSTORE", "PFCOUNT", "PFMERGE", "SUBSCRIBE", "UNSUBSCRIBE", "SSUBSCRIBE",
				"SUNSUBSCRIBE");
		register(ALL_BUT_LAST, "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX");
		register(ALTERNATING, "MSET", "MSETNX");
		register(SCRIPT, "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");
	}

	private static void register(KeyLayout layout, String... commands) {
		List.of(commands).forEach((command) -> COMMANDS.put(command, layout));
	}

	/**
	 * Return the layout of a command's arguments.
	 * @param command the command's name, such as {@code GET}
	 * @return its layout; {@link #NONE} for a command not known
	 */
	static KeyLayout of(String command) {
		KeyLayout layout = COMMANDS.get(command);
		if (layout == null) {
			layout = COMMANDS.getOrDefault(command.toUpperCase(Locale.ROOT), NONE);
		}
		return layout;
	}

}
