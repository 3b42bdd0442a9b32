package io.slacker.internal.serialization.nippy;

/** Type ids of nippy 3.1.1's binary format (one byte before every value). */
final class NippyIds {
    private NippyIds() {
    }

    static final int NIL = 3;
    static final int TRUE = 8;
    static final int FALSE = 9;
    static final int CHAR = 10;

    static final int BYTE = 40;
    static final int SHORT = 41;
    static final int INTEGER = 42;
    static final int LONG_ZERO = 0;
    static final int LONG_SM = 100;
    static final int LONG_MD = 101;
    static final int LONG_LG = 102;
    static final int LONG_XL = 43;

    static final int BIGINT = 44;
    static final int BIGINTEGER = 45;
    static final int FLOAT = 60;
    static final int DOUBLE_ZERO = 55;
    static final int DOUBLE = 61;
    static final int BIGDEC = 62;
    static final int RATIO = 70;

    static final int DATE = 90;
    static final int UUID = 91;
    static final int TIME_INSTANT = 79;
    static final int TIME_DURATION = 83;
    static final int TIME_PERIOD = 84;

    static final int STR_0 = 34;
    static final int STR_SM = 105;
    static final int STR_MD = 16;
    static final int STR_LG = 13;

    static final int KW_SM = 106;
    static final int KW_MD = 85;
    static final int KW_LG = 14;
    static final int SYM_SM = 56;
    static final int SYM_MD = 86;
    static final int SYM_LG = 57;

    static final int REGEX = 58;
    static final int URI = 71;

    static final int BYTES_0 = 53;
    static final int BYTES_SM = 7;
    static final int BYTES_MD = 15;
    static final int BYTES_LG = 2;

    static final int VEC_0 = 17;
    static final int VEC_2 = 113;
    static final int VEC_3 = 114;
    static final int VEC_SM = 110;
    static final int VEC_MD = 69;
    static final int VEC_LG = 21;
    static final int OBJECTS_LG = 115;

    static final int SET_0 = 18;
    static final int SET_SM = 111;
    static final int SET_MD = 32;
    static final int SET_LG = 23;

    static final int MAP_0 = 19;
    static final int MAP_SM = 112;
    static final int MAP_MD = 33;
    static final int MAP_LG = 30;

    static final int LIST_0 = 35;
    static final int LIST_SM = 36;
    static final int LIST_MD = 54;
    static final int LIST_LG = 20;

    static final int SEQ_0 = 37;
    static final int SEQ_SM = 38;
    static final int SEQ_MD = 39;
    static final int SEQ_LG = 24;

    static final int SORTED_SET = 28;
    static final int SORTED_MAP = 31;
    static final int QUEUE = 26;
    static final int META = 25;

    static final int CACHED_0 = 59;
    static final int CACHED_1 = 63;
    static final int CACHED_2 = 64;
    static final int CACHED_3 = 65;
    static final int CACHED_4 = 66;
    static final int CACHED_5 = 72;
    static final int CACHED_6 = 73;
    static final int CACHED_7 = 74;
    static final int CACHED_SM = 67;
    static final int CACHED_MD = 68;

    // Deprecated ids, only read.
    static final int STR_DEPR1 = 11;
    static final int KW_DEPR1 = 12;
    static final int MAP_DEPR1 = 22;
    static final int MAP_DEPR2 = 27;
    static final int SORTED_MAP_DEPR1 = 29;
    static final int BOOLEAN_DEPR1 = 4;
    static final int KW_MD_DEPR1 = 77;
    static final int SYM_MD_DEPR1 = 78;

    // Ids that name a class, carry Java serialization or need the Clojure reader/custom readers.
    // They are refused on purpose (nippy's RCE history), listed here for documentation:
    // 1, 5, 47, 51, 52 reader; 46, 50, 6, 75, 76 Serializable; 48, 49, 80 record; 81 type;
    // 82 prefixed custom; negative ids: unprefixed custom types.

    /** Largest count written in the small (1 signed byte) size class. */
    static final int SM_MAX = 127;
    /** Largest count written in the medium (2 signed bytes) size class. */
    static final int MD_MAX = 32767;
}
