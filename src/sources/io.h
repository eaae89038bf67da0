// Byte-level input for the loaders: streaming file and gzip readers, content
// hashing, UTF-8 validation and Windows-1252 decoding.
// Thread-safety: a ByteStream is used by one thread at a time; the free
// functions are reentrant.
#ifndef EMBARGO_SOURCES_IO_H_
#define EMBARGO_SOURCES_IO_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo::internal {

// A forward-only source of bytes.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `buf`. Returns 0 at end of stream. Errors
  // name the file already, so callers pass them on as they are.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Opens `path` for streaming; a gzip file (by its magic bytes, whatever its
// name) is decompressed on the fly, bounded by `max_decompressed` (reading
// past it is kLimitExceeded "PATH: decompresses to more than N bytes").
Result<std::unique_ptr<ByteStream>> OpenByteStream(
    const std::string& path,
    std::uint64_t max_decompressed = kMaxDecompressedBytes);

// A stream over bytes already in memory (tests, zip members).
std::unique_ptr<ByteStream> MemoryByteStream(std::string data);

// Reads the whole stream of `path` (decompressing gzip) into memory, up to
// `limit` bytes; kLimitExceeded beyond.
Result<std::string> ReadFileContents(
    const std::string& path, std::uint64_t limit = kMaxDecompressedBytes);

// The first `n` bytes of `path` after gzip decompression (for sniffing).
Result<std::string> ReadFilePrefix(const std::string& path, size_t n);

// "sha256:<hex>" over the raw bytes of `paths`, in order.
Result<std::string> HashFiles(const std::vector<std::string>& paths);

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view text);

// Decodes Windows-1252 into UTF-8 (bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D, which
// 1252 leaves undefined, become U+FFFD).
std::string Windows1252ToUtf8(std::string_view text);

// Line number (1-based) of byte `offset` in `text`.
std::uint64_t LineOfOffset(std::string_view text, size_t offset);

// Whitespace trimmed and internal runs collapsed to one space.
std::string CollapseSpaces(std::string_view text);

// CollapseSpaces() that also treats Unicode spaces as spaces: no-break
// (U+00A0, U+202F), U+2000..U+200B, U+205F, U+3000 and a stray BOM (U+FEFF).
// Published lists are full of them, and they would otherwise stay in names.
std::string CleanText(std::string_view text);

// True if `utf8` holds a letter from a script other than Latin (Cyrillic,
// Arabic, CJK, ...): such a name is in its original script.
bool HasNonLatinLetters(std::string_view utf8);

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_IO_H_
