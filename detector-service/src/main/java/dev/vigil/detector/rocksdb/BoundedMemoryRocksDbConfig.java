package dev.vigil.detector.rocksdb;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB instance of the detector together: one LRU block cache shared by all
 * stores and all segments of the window stores, with the memtables charged to the same cache through one
 * {@link WriteBufferManager}, and index and filter blocks held in the cache instead of outside it. This is the recipe
 * of Kafka Streams' memory management guide ("RocksDB: bounded memory usage",
 * https://kafka.apache.org/documentation/streams/developer-guide/memory-mgmt.html). Without it every store, and every
 * segment of a segmented window store, opens RocksDB with its own 50 MiB block cache and up to three 16 MiB
 * memtables, so resident memory grows with the number of segments that the 24-hour lateness horizon keeps open.
 *
 * <p>Sizes, read once from MicroProfile Config: {@code detector.rocksdb.off-heap-mb} (default 256: block cache,
 * memtables, index and filter blocks of every store) and {@code detector.rocksdb.memtable-mb} (default 128: the part
 * the memtables may take, at most half). The memtables' share decides the detector's throughput once its stores grow
 * (issue 26, drain benchmark after 400,000 records of warm-up): 32 MiB shared by the 90 RocksDB instances of 15 stores
 * and 6 tasks forced flushes of small memtables, and compacting the many small files they made took 10.2 of the
 * detector's 36 CPU seconds (12,200 records/s); with 128 MiB each memtable flushes at its own 8 MiB, compaction
 * takes under half a second over the same drain and the detector drains 28,000 records/s.
 *
 * <p>Registered as {@code kafka-streams.rocksdb.config.setter}; Kafka Streams instantiates it per store, so the cache
 * and the manager are static and never closed by a store. Tables are LZ4-compressed (issue 26:
 * the window store of the drain benchmark, JSON keys and values, took 35 MB per 1,000 interfaces per event-hour).
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    /** Share of the cache reserved for index and filter blocks (high priority), as in the guide's example. */
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    private static final long MIB = 1024L * 1024L;
    private static final long BLOCK_SIZE = 16 * 1024L;
    private static final int MEMTABLES_PER_STORE = 2;
    private static final long MEMTABLE_SIZE = 8 * MIB;

    private static final long OFF_HEAP = mib("detector.rocksdb.off-heap-mb", 256);
    private static final long MEMTABLES = Math.min(mib("detector.rocksdb.memtable-mb", 128), OFF_HEAP / 2);
    private static final Cache CACHE = new LRUCache(OFF_HEAP, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLES, CACHE);

    private static long mib(String key, long defaultMib) {
        return ConfigProvider.getConfig().getOptionalValue(key, Long.class).orElse(defaultMib) * MIB;
    }

    /** The configured bound of all stores' off-heap memory, in bytes. */
    public static long offHeapBytes() {
        return OFF_HEAP;
    }

    /** Bytes the shared cache holds now: cached blocks plus the memtables charged to it. */
    public static long usageBytes() {
        return CACHE.getUsage();
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setTableFormatConfig(table);
        // JSON values and keys compress about 3-5 times; LZ4 is the cheap codec RocksDB recommends for all levels
        // (RocksDB wiki, "Setup Options and Basic Tuning"); Kafka Streams opens stores without compression
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed here
    }
}
