// `embargo fetch`: downloads the official lists from their publishers (over
// libcurl), verifies them (the publisher's checksum where one is given, then
// a full parse by the list loaders) and replaces the local copy atomically.
// A failed or broken download never touches the last good copy.
// Thread-safety: FetchSources() may run concurrently on different output
// folders; two runs on one folder serialize on a lock file.
#ifndef EMBARGO_SERVICE_FETCHER_H_
#define EMBARGO_SERVICE_FETCHER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo::service {

// One file of one list. A list made of several files (an OFAC CSV set) has
// one SourceFile per file, all with the same `list`.
struct SourceFile {
  std::string list;  // folder name under the output folder
  std::string file;  // file name inside it
  std::string url;
  std::string sha256;      // expected hex digest, "" if none
  std::string sha256_url;  // where the publisher posts the digest, "" if none
  std::string format;      // forced list format ("" to detect)
};

// Reads a sources file: one file per line, "LIST FILE URL [sha256=HEX]
// [sha256_url=URL] [format=FMT]"; '#' starts a comment. kDataError naming
// the line for a malformed one.
Result<std::vector<SourceFile>> ReadSourcesConfig(const std::string& path);

struct FetchOptions {
  std::string out_dir;                 // lists land in OUT/LIST/FILE
  std::vector<std::string> only;       // list names; empty: all
  std::int64_t timeout_seconds = 600;  // per file
  std::uint64_t max_bytes = kMaxListFileBytes;
  std::function<void(std::string_view)> log;  // progress lines
};

struct FetchResult {
  std::string list;
  bool ok = false;
  bool changed = false;  // the new copy differs from the previous one
  std::string error;     // when !ok
  std::string folder;    // OUT/LIST
  std::uint64_t bytes = 0;
  size_t entities = 0;
};

// Fetches every list of `sources` (restricted to options.only). Each list is
// downloaded into a staging folder, checked, parsed in full, and then
// swapped with OUT/LIST in one rename; on any failure OUT/LIST is left as
// it was. One result per list, in config order.
std::vector<FetchResult> FetchSources(const std::vector<SourceFile>& sources,
                                      const FetchOptions& options);

// Downloads `url` to `path` (created or truncated). kIoError naming the URL
// for a transport error, an HTTP status >= 400 or a short body; kLimit-
// Exceeded past max_bytes.
Status DownloadFile(const std::string& url, const std::string& path,
                    std::int64_t timeout_seconds, std::uint64_t max_bytes);

}  // namespace embargo::service

#endif  // EMBARGO_SERVICE_FETCHER_H_
