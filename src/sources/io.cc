#include "sources/io.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace embargo::internal {
namespace {

class FileStream : public ByteStream {
 public:
  FileStream(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  ~FileStream() override { std::fclose(f_); }
  Result<size_t> Read(char* buf, size_t n) override {
    size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_))
      return Status::IoError(
          fmt::format("{}: {}", path_, std::strerror(errno)));
    return got;
  }

 private:
  std::FILE* f_;
  std::string path_;
};

class GzStream : public ByteStream {
 public:
  GzStream(gzFile f, std::string path, std::uint64_t max)
      : f_(f), path_(std::move(path)), max_(max) {}
  ~GzStream() override { gzclose(f_); }
  Result<size_t> Read(char* buf, size_t n) override {
    if (n > (1u << 30)) n = 1u << 30;
    int got = gzread(f_, buf, static_cast<unsigned>(n));
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(f_, &err);
      return Status::DataError(
          fmt::format("{}: gzip data is corrupt: {}", path_, msg ? msg : "?"));
    }
    total_ += static_cast<std::uint64_t>(got);
    if (total_ > max_)
      return Status::LimitExceeded(
          fmt::format("{}: decompresses to more than {} bytes", path_, max_));
    if (got == 0 && !gzeof(f_))
      return Status::DataError(
          fmt::format("{}: gzip stream ended early", path_));
    if (got == 0) {
      // gzread returns 0 at a truncated member end too; gzerror tells.
      int err = 0;
      gzerror(f_, &err);
      if (err != Z_OK && err != Z_STREAM_END)
        return Status::DataError(
            fmt::format("{}: gzip data is truncated", path_));
    }
    return static_cast<size_t>(got);
  }

 private:
  gzFile f_;
  std::string path_;
  std::uint64_t max_;
  std::uint64_t total_ = 0;
};

class MemoryStream : public ByteStream {
 public:
  explicit MemoryStream(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

bool IsGzip(const std::string& path, Status* status) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *status = errno == ENOENT
                  ? Status::NotFound(fmt::format("{}: no such file", path))
                  : Status::IoError(
                        fmt::format("{}: {}", path, std::strerror(errno)));
    return false;
  }
  unsigned char magic[2] = {0, 0};
  size_t got = std::fread(magic, 1, 2, f);
  std::fclose(f);
  return got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace

Result<std::unique_ptr<ByteStream>> OpenByteStream(
    const std::string& path, std::uint64_t max_decompressed) {
  Status status;
  bool gz = IsGzip(path, &status);
  if (!status.ok()) return status;
  if (gz) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return Status::IoError(fmt::format("{}: cannot open", path));
    gzbuffer(f, 1 << 16);
    return std::unique_ptr<ByteStream>(
        std::make_unique<GzStream>(f, path, max_decompressed));
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
  return std::unique_ptr<ByteStream>(std::make_unique<FileStream>(f, path));
}

std::unique_ptr<ByteStream> MemoryByteStream(std::string data) {
  return std::make_unique<MemoryStream>(std::move(data));
}

Result<std::string> ReadFileContents(const std::string& path,
                                     std::uint64_t limit) {
  auto stream = OpenByteStream(path);
  if (!stream.ok()) return stream.status();
  std::string out;
  char buf[1 << 16];
  while (true) {
    auto n = (*stream)->Read(buf, sizeof buf);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    if (out.size() + *n > limit)
      return Status::LimitExceeded(
          fmt::format("{}: larger than the limit of {} bytes", path, limit));
    out.append(buf, *n);
  }
  return out;
}

Result<std::string> ReadFilePrefix(const std::string& path, size_t n) {
  auto stream = OpenByteStream(path);
  if (!stream.ok()) return stream.status();
  std::string out(n, '\0');
  size_t have = 0;
  while (have < n) {
    auto got = (*stream)->Read(out.data() + have, n - have);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    have += *got;
  }
  out.resize(have);
  return out;
}

Result<std::string> HashFiles(const std::vector<std::string>& paths) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(),
                                                         EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    return Status::Internal("sha256 unavailable");
  std::vector<char> buf(1 << 16);
  for (const std::string& path : paths) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
      return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
      EVP_DigestUpdate(ctx.get(), buf.data(), n);
    bool err = std::ferror(f);
    std::fclose(f);
    if (err) return Status::IoError(fmt::format("{}: read failed", path));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &len);
  std::string out = "sha256:";
  for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (int k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string Windows1252ToUtf8(std::string_view text) {
  // Code points for 0x80..0x9F; 0 marks the five undefined bytes.
  static constexpr std::uint16_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    std::uint32_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = kHigh[c - 0x80] ? kHigh[c - 0x80] : 0xFFFD;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::uint64_t LineOfOffset(std::string_view text, size_t offset) {
  std::uint64_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f') {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

namespace {

// Decodes the code point at `i` (advancing it); invalid bytes yield U+FFFD.
std::uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  int len = 0;
  if (c < 0x80) {
    len = 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
  }
  if (len == 0 || *i + static_cast<size_t>(len) > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += static_cast<size_t>(len);
  return cp;
}

bool IsUnicodeSpace(std::uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

}  // namespace

std::string CleanText(std::string_view text) {
  bool plain = true;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) plain = false;
  if (plain) return CollapseSpaces(text);
  std::string spaced;
  spaced.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    std::uint32_t cp = NextCodePoint(text, &i);
    if (IsUnicodeSpace(cp)) {
      spaced += ' ';
    } else {
      spaced.append(text.substr(start, i - start));
    }
  }
  return CollapseSpaces(spaced);
}

bool HasNonLatinLetters(std::string_view utf8) {
  size_t i = 0;
  while (i < utf8.size()) {
    std::uint32_t cp = NextCodePoint(utf8, &i);
    // Below U+0370: ASCII, Latin-1, Latin Extended-A/B, IPA, combining marks.
    if (cp < 0x370) continue;
    if ((cp >= 0x1E00 && cp <= 0x1EFF) ||  // Latin Extended Additional
        (cp >= 0x2000 && cp <= 0x2BFF) ||  // punctuation, symbols, arrows
        (cp >= 0x2C60 && cp <= 0x2C7F) ||  // Latin Extended-C
        (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
        (cp >= 0xA720 && cp <= 0xA7FF) ||  // Latin Extended-D
        (cp >= 0xFB00 && cp <= 0xFB06) ||  // Latin ligatures
        (cp >= 0xFE00 && cp <= 0xFE0F) ||  // variation selectors
        (cp >= 0xFF00 && cp <= 0xFF60) ||  // fullwidth ASCII forms
        cp == 0xFEFF || cp == 0xFFFD)
      continue;
    return true;
  }
  return false;
}

}  // namespace embargo::internal
