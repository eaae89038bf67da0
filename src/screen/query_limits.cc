// ValidateQuery(): the limits a query name must keep to (embargo/limits.h).
#include <fmt/format.h>

#include <algorithm>

#include "embargo/screener.h"
#include "normalize/normalize.h"
#include "normalize/transliterate.h"
#include "sources/io.h"

namespace embargo {

Status ValidateQuery(const Query& query, size_t max_name_bytes) {
  const size_t max_bytes = std::min(max_name_bytes, kMaxQueryNameBytes);
  if (query.name.size() > max_bytes)
    return Status::LimitExceeded(
        fmt::format("name: longer than the limit of {} bytes", max_bytes));
  if (size_t bad = internal::FindInvalidUtf8(query.name);
      bad != std::string::npos)
    return Status::InvalidArgument(
        fmt::format("name: invalid UTF-8 at byte {}", bad + 1));
  // An ASCII byte yields at most one token, so short ASCII names need no
  // normalizing; elsewhere NFKC can expand one character into words
  // (U+FDFA is four), so count for real.
  if (!internal::IsAscii(query.name) ||
      query.name.size() > kMaxQueryNameTokens) {
    const size_t tokens = internal::CountNameTokens(query.name);
    if (tokens > kMaxQueryNameTokens)
      return Status::LimitExceeded(fmt::format("name: more than {} tokens ({})",
                                               kMaxQueryNameTokens, tokens));
  }
  return Status::Ok();
}

}  // namespace embargo
