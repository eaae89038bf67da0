#include "sources/xml_reader.h"

#include <fmt/format.h>
#include <libxml/xmlreader.h>

#include <algorithm>

#include "sources/io.h"

namespace embargo::internal {

struct XmlRecordReader::Impl {
  xmlTextReaderPtr reader = nullptr;
  std::string name;                    // for errors raised while reading
  std::string memory;                  // backing store for OpenMemory
  std::unique_ptr<ByteStream> stream;  // source for OpenFile
  Status stream_status;
  std::uint64_t bytes = 0;
  std::string error;  // first error libxml2 reported
  int error_line = 0;
  int error_code = 0;
  bool root_closed = false;
  // Whether all input has been handed to the parser, and its line count:
  // an error on the last line of an unclosed document means truncation.
  bool eof = false;
  std::uint64_t newlines = 0;
  // Line-end normalization (XML 1.0 section 2.11) done before libxml2, whose
  // line numbers count LF only: CRLF and a lone CR become LF. Off for
  // UTF-16/32 input, where a 0x0D byte may be half a character.
  bool normalize_cr = true;
  bool skip_lf = false;  // the last byte handed over was a CR made LF
  // The prolog up to the root element, searched for a DTD before libxml2
  // parses one (it would expand entities declared in it, or report a
  // billion-laughs DTD as an "entity reference loop" at the wrong line).
  std::string prolog;
  bool prolog_done = false;
  ~Impl() {
    if (reader) xmlFreeTextReader(reader);
  }
};

namespace {

void OnError(void* arg, const xmlError* err) {
  auto* impl = static_cast<XmlRecordReader::Impl*>(arg);
  if (!impl->error.empty() || err == nullptr) return;
  if (err->level < XML_ERR_ERROR) return;  // warnings are not fatal
  impl->error = err->message ? CollapseSpaces(err->message) : "malformed XML";
  impl->error_line = err->line;
  impl->error_code = err->code;
}

// Adapts libxml2's structured-error callback type across versions.
void OnErrorCompat(void* arg, xmlErrorPtr err) { OnError(arg, err); }

constexpr std::string_view kDtdRefused =
    "DTDs are not allowed in list files (entity expansion risk)";

// Turns CRLF and lone CR into LF in place; returns the new length.
size_t NormalizeLineEnds(char* buf, size_t n, bool* skip_lf) {
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = buf[i];
    if (*skip_lf) {
      *skip_lf = false;
      if (c == '\n') continue;
    }
    if (c == '\r') {
      buf[out++] = '\n';
      *skip_lf = true;
    } else {
      buf[out++] = c;
    }
  }
  return out;
}

// Whether `head` (a document's first bytes) is UTF-16 or UTF-32: a BOM, or
// '<' with NUL bytes around it.
bool IsWideText(std::string_view head) {
  return head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") ||
         head.starts_with(std::string_view("\0<", 2)) ||
         head.starts_with(std::string_view("<\0", 2)) ||
         head.starts_with(std::string_view("\0\0", 2));
}

// Scans the start of a document up to its root element. Returns the
// 1-based line of a "<!DOCTYPE" before the root, or 0; sets `*done` once the
// root is seen (or the prolog is too long to be one worth scanning).
std::uint64_t FindDoctype(std::string_view p, bool* done) {
  for (size_t i = p.find('<'); i != std::string_view::npos;
       i = p.find('<', i + 1)) {
    if (i + 1 >= p.size()) return 0;  // wait for more
    const char next = p[i + 1];
    if (next == '?') continue;  // the XML declaration, a PI
    if (next != '!') {          // the root element: the prolog is over
      *done = true;
      return 0;
    }
    if (i + 9 > p.size()) return 0;
    if (p.compare(i, 9, "<!DOCTYPE") == 0)
      return 1 +
             static_cast<std::uint64_t>(std::count(
                 p.begin(), p.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
  }
  if (p.size() > (1u << 20)) *done = true;
  return 0;
}

int ReadCallback(void* ctx, char* buf, int len) {
  auto* impl = static_cast<XmlRecordReader::Impl*>(ctx);
  size_t n = 0;
  // A chunk that was all the LF of a CRLF normalizes to nothing; 0 would
  // mean the end, so read on.
  while (n == 0) {
    auto got = impl->stream->Read(buf, static_cast<size_t>(len));
    if (!got.ok()) {
      impl->stream_status = got.status();
      return -1;
    }
    if (*got == 0) {
      impl->eof = true;
      return 0;
    }
    if (impl->bytes == 0 && IsWideText(std::string_view(buf, *got)))
      impl->normalize_cr = false;
    impl->bytes += *got;
    n = impl->normalize_cr ? NormalizeLineEnds(buf, *got, &impl->skip_lf)
                           : *got;
  }
  if (!impl->prolog_done) {
    impl->prolog.append(buf, n);
    if (std::uint64_t line = FindDoctype(impl->prolog, &impl->prolog_done)) {
      impl->stream_status = Status::DataError(
          fmt::format("{}:{}: {}", impl->name, line, kDtdRefused));
      return -1;
    }
    if (impl->prolog_done) impl->prolog = std::string();
  }
  impl->newlines += static_cast<std::uint64_t>(std::count(buf, buf + n, '\n'));
  return static_cast<int>(n);
}

// The first element below `root` (itself at `root_depth`) deeper than
// kMaxXmlDepth, walking the tree iteratively; nullptr if none.
xmlNodePtr FindTooDeep(xmlNodePtr root, int root_depth) {
  int depth = root_depth;
  xmlNodePtr n = root->children;
  if (n) ++depth;
  while (n && n != root) {
    if (n->type == XML_ELEMENT_NODE && depth > kMaxXmlDepth) return n;
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      ++depth;
      continue;
    }
    while (n != root && !n->next) {
      n = n->parent;
      --depth;
    }
    if (n != root) n = n->next;
  }
  return nullptr;
}

// BIG_LINES keeps node line numbers right past line 65535.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA |
                              XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

}  // namespace

XmlRecordReader::~XmlRecordReader() = default;

Result<std::unique_ptr<XmlRecordReader>> XmlRecordReader::OpenFile(
    const std::string& path) {
  std::unique_ptr<XmlRecordReader> r(new XmlRecordReader());
  r->name_ = path;
  r->impl_ = std::make_unique<Impl>();
  r->impl_->name = path;
  // Our own ByteStream feeds the parser, so gzip and size limits are handled
  // in one place and the file is never held whole in memory.
  auto stream = OpenByteStream(path);
  if (!stream.ok()) return stream.status();
  r->impl_->stream = std::move(*stream);
  r->impl_->reader = xmlReaderForIO(ReadCallback, nullptr, r->impl_.get(),
                                    nullptr, nullptr, kParseOptions);
  if (!r->impl_->reader)
    return Status::DataError(fmt::format("{}: not readable as XML", path));
  xmlTextReaderSetStructuredErrorHandler(r->impl_->reader, OnErrorCompat,
                                         r->impl_.get());
  return r;
}

Result<std::unique_ptr<XmlRecordReader>> XmlRecordReader::OpenMemory(
    std::string data, std::string name) {
  std::unique_ptr<XmlRecordReader> r(new XmlRecordReader());
  r->name_ = std::move(name);
  r->impl_ = std::make_unique<Impl>();
  r->impl_->memory = std::move(data);
  r->impl_->name = r->name_;
  std::string& mem = r->impl_->memory;
  if (!IsWideText(mem)) {
    bool skip_lf = false;
    mem.resize(NormalizeLineEnds(mem.data(), mem.size(), &skip_lf));
  }
  bool done = false;
  if (std::uint64_t line = FindDoctype(mem, &done))
    return Status::DataError(
        fmt::format("{}:{}: {}", r->name_, line, kDtdRefused));
  r->impl_->eof = true;
  r->impl_->newlines = static_cast<std::uint64_t>(
      std::count(r->impl_->memory.begin(), r->impl_->memory.end(), '\n'));
  r->impl_->reader = xmlReaderForMemory(
      r->impl_->memory.data(), static_cast<int>(r->impl_->memory.size()),
      nullptr, nullptr, kParseOptions);
  if (!r->impl_->reader)
    return Status::DataError(fmt::format("{}: not readable as XML", r->name_));
  xmlTextReaderSetStructuredErrorHandler(r->impl_->reader, OnErrorCompat,
                                         r->impl_.get());
  return r;
}

bool XmlRecordReader::Next(const std::vector<std::string_view>& names,
                           XmlRecord* record) {
  if (!status_.ok()) return false;
  xmlTextReaderPtr rd = impl_->reader;
  auto fail = [&](std::string msg, std::int64_t line) {
    if (!impl_->stream_status.ok()) {
      status_ = impl_->stream_status;
      return false;
    }
    // libxml2 reports a premature end of input as "Extra content at the end
    // of the document" or as whatever token was cut ("expected '>'"); say
    // what happened instead.
    // (A byte that is not UTF-8 on the last line is no truncation: an
    // xlsx sheet is one line, so every such error was called one.)
    const bool encoding = impl_->error_code == XML_ERR_INVALID_CHAR ||
                          impl_->error_code == XML_ERR_INVALID_ENCODING;
    bool at_end =
        impl_->error_code == XML_ERR_DOCUMENT_END ||
        (impl_->eof && !encoding && impl_->error_line > 0 &&
         static_cast<std::uint64_t>(impl_->error_line) >= impl_->newlines);
    if (!impl_->error.empty() && at_end && !impl_->root_closed) {
      if (root_name_.empty()) {
        msg = "no XML root element (empty or not XML)";
        line = 0;
      } else {
        msg = fmt::format("XML error: the file ends inside <{}> (truncated?)",
                          root_name_);
      }
    }
    status_ =
        Status::DataError(line > 0 ? fmt::format("{}:{}: {}", name_, line, msg)
                                   : fmt::format("{}: {}", name_, msg));
    return false;
  };
  auto too_deep = [&](std::int64_t line) {
    status_ = Status::LimitExceeded(fmt::format(
        "{}:{}: XML nested deeper than {} levels", name_, line, kMaxXmlDepth));
    return false;
  };
  while (true) {
    int ret = 1;
    if (positioned_) {
      positioned_ = false;  // the node xmlTextReaderNext() left us on
    } else {
      ret = xmlTextReaderRead(rd);
    }
    if (ret != 1) {
      if (ret < 0 || !impl_->error.empty()) {
        std::string msg = impl_->error.empty() ? "malformed XML" : impl_->error;
        return fail("XML error: " + msg, impl_->error_line);
      }
      if (root_name_.empty())
        return fail("no XML root element (empty or not XML)", 0);
      return false;
    }
    int type = xmlTextReaderNodeType(rd);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE)  // missed by the prolog scan
      return fail(std::string(kDtdRefused),
                  xmlTextReaderGetParserLineNumber(rd));
    if (type == XML_READER_TYPE_ENTITY_REFERENCE)
      return fail("entity references are not allowed",
                  xmlTextReaderGetParserLineNumber(rd));
    if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(rd) == 0)
      impl_->root_closed = true;
    if (type != XML_READER_TYPE_ELEMENT) continue;
    int depth = xmlTextReaderDepth(rd);
    if (depth > kMaxXmlDepth)
      return too_deep(xmlTextReaderGetParserLineNumber(rd));
    const char* local =
        reinterpret_cast<const char*>(xmlTextReaderConstLocalName(rd));
    std::string_view lname = local ? local : "";
    if (depth == 0) {
      root_name_ = std::string(lname);
      if (xmlTextReaderMoveToFirstAttribute(rd) == 1) {
        do {
          const char* an =
              reinterpret_cast<const char*>(xmlTextReaderConstLocalName(rd));
          const char* av =
              reinterpret_cast<const char*>(xmlTextReaderConstValue(rd));
          root_attrs_[an ? an : ""] = av ? av : "";
        } while (xmlTextReaderMoveToNextAttribute(rd) == 1);
        xmlTextReaderMoveToElement(rd);
      }
    }
    if (std::find(names.begin(), names.end(), lname) == names.end()) continue;

    // The parser reads ahead, so its own line can be past the record's
    // start; the node remembers the line of its start tag.
    xmlNodePtr current = xmlTextReaderCurrentNode(rd);
    std::int64_t node_line = current ? xmlGetLineNo(current) : -1;
    record->line = static_cast<std::uint64_t>(
        node_line > 0 ? node_line
                      : std::max(0, xmlTextReaderGetParserLineNumber(rd)));
    record->name = std::string(lname);
    // Expanding reads the record's subtree; a truncated file fails here.
    xmlNodePtr node = xmlTextReaderExpand(rd);
    if (node == nullptr || !impl_->error.empty()) {
      std::string msg = impl_->error.empty() ? "malformed XML" : impl_->error;
      return fail("XML error: " + msg,
                  impl_->error_line ? impl_->error_line
                                    : static_cast<std::int64_t>(record->line));
    }
    // Read() never visits the record's inside, so its depth is checked
    // here, without recursion.
    if (xmlNodePtr deep = FindTooDeep(node, depth)) {
      std::int64_t line = xmlGetLineNo(deep);
      return too_deep(line > 0 ? line
                               : static_cast<std::int64_t>(record->line));
    }
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, node->doc, node, 0, 0);
    pugi::xml_parse_result pr = record->doc.load_buffer(
        xmlBufferContent(buf), static_cast<size_t>(xmlBufferLength(buf)),
        pugi::parse_default, pugi::encoding_utf8);
    xmlBufferFree(buf);
    if (!pr)
      return fail(fmt::format("XML error in <{}>: {}", lname, pr.description()),
                  static_cast<std::int64_t>(record->line));
    record->node = record->doc.first_child();
    // Skip past the subtree so its children are not visited again.
    int next = xmlTextReaderNext(rd);
    if (next < 0 || !impl_->error.empty()) {
      std::string msg = impl_->error.empty() ? "malformed XML" : impl_->error;
      return fail("XML error: " + msg, impl_->error_line);
    }
    positioned_ = next == 1;
    return true;
  }
}

std::string ChildText(const pugi::xml_node& node, const char* child) {
  return CollapseSpaces(node.child(child).text().as_string());
}

}  // namespace embargo::internal
