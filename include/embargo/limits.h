// Every resource limit embargo puts on input whose size someone else
// chooses: list files from publishers, customer files, HTTP requests and
// query names. They live here, in one place, so that the code enforcing a
// limit, the tests holding it at its edge and docs/reliability.md (the
// table of limits, where each is enforced, its error and its test) cannot
// drift apart. Passing a limit is a kLimitExceeded error naming the limit
// (and the file, line and field where there is one), never a crash, a hang
// or a silent truncation.
//
// The server's limits are defaults: `embargo serve --config` may lower or
// raise them per deployment (apps/server/server_config.h).
// Thread-safety: constants only.
#ifndef EMBARGO_LIMITS_H_
#define EMBARGO_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace embargo {

// --- Names -----------------------------------------------------------------

// One query name (Screener::Search through ValidateQuery, `embargo search`,
// `embargo screen` rows, the server's /match, /search and /screen). Real
// names are under 200 bytes; the longest alias in the official lists is
// well under this. Past it, matching cost grows with no gain.
inline constexpr std::size_t kMaxQueryNameBytes = 1024;
// Tokens of one query name after normalization (a Han character is one
// token). Alignment cost grows with tokens squared.
inline constexpr std::size_t kMaxQueryNameTokens = 64;
// One name in a list file, checked for every format when a list loads.
// Official lists' longest names are some hundreds of bytes (long entity
// names with their legal forms).
inline constexpr std::size_t kMaxListedNameBytes = 4096;

// --- List files -------------------------------------------------------------

// Raw bytes of one list file (and of a file `embargo fetch` downloads).
inline constexpr std::uint64_t kMaxListFileBytes = 1ull << 30;  // 1 GiB
// Bytes a gzip stream may inflate to: decompression bombs stop here.
inline constexpr std::uint64_t kMaxDecompressedBytes = 2ull << 30;  // 2 GiB
// One line of a FollowTheMoney JSON-lines file.
inline constexpr std::size_t kMaxLineBytes = 16u << 20;  // 16 MiB
// Nesting of JSON objects and arrays (FtM lines, request bodies, shipments).
// FtM entities nest 3 deep and the API's bodies 4; nlohmann's serializer
// recurses, so unbounded depth would be a stack overflow.
inline constexpr int kMaxJsonDepth = 64;
// Nesting of XML elements; the official files nest at most 8 deep.
inline constexpr int kMaxXmlDepth = 64;

// CSV (list files, customer files, /screen bodies).
inline constexpr std::size_t kMaxCsvFieldBytes = 1u << 20;    // 1 MiB
inline constexpr std::size_t kMaxCsvFields = 4096;            // per record
inline constexpr std::size_t kMaxCsvRecordBytes = 16u << 20;  // 16 MiB

// XLSX (the Australian list): inflated size of any zip member read
// (declared or actual), members the package may list, columns (Excel's
// own limit, A..XFD).
inline constexpr std::uint64_t kMaxXlsxMemberBytes = 256ull << 20;
inline constexpr std::uint64_t kMaxXlsxMembers = 10000;
inline constexpr int kMaxXlsxColumns = 16384;

// --- Trade (shipments from `embargo trade check` and POST /trade/check;
// rule files from --rules) ------------------------------------------------

inline constexpr std::size_t kMaxShipmentBytes = 4u << 20;  // one document
inline constexpr std::size_t kMaxShipmentParties = 200;
inline constexpr std::size_t kMaxShipmentGoods = 2000;  // goods lines
// Items of one list field: transshipment ports, former names, STS transfers,
// claims.
inline constexpr std::size_t kMaxShipmentListItems = 100;
inline constexpr std::size_t kMaxShipmentFieldBytes = 2000;  // one text field
// Nesting of a YAML rule file; aliases that point back at an ancestor end
// here too.
inline constexpr int kMaxYamlDepth = 64;

// --- The HTTP server (defaults of ServerLimits) -----------------------------

inline constexpr std::size_t kMaxConnections = 1024;
inline constexpr std::size_t kMaxBodyBytes = 1u << 20;          // JSON routes
inline constexpr std::size_t kMaxScreenBodyBytes = 256u << 20;  // POST /screen
inline constexpr std::size_t kMaxHeaderBytes = 16u << 10;
inline constexpr std::uint64_t kMaxBatchRows = 1000000;    // rows per /screen
inline constexpr std::size_t kMaxQueriesPerRequest = 100;  // /match examples
inline constexpr std::size_t kMaxNamesPerQuery = 20;       // per /match example
inline constexpr std::size_t kMaxResultsPerQuery = 500;    // `limit`
inline constexpr int kMaxScreenJobs = 2;                   // /screen at once

}  // namespace embargo

#endif  // EMBARGO_LIMITS_H_
