#include "sources/xml_reader.h"

#include <libxml/xmlreader.h>

#include <algorithm>

#include <fmt/format.h>

#include "sources/io.h"

namespace embargo::internal {

struct XmlRecordReader::Impl {
  xmlTextReaderPtr reader = nullptr;
  std::string memory;  // backing store for OpenMemory
  std::unique_ptr<ByteStream> stream;  // source for OpenFile
  Status stream_status;
  std::uint64_t bytes = 0;
  std::string error;   // first error libxml2 reported
  int error_line = 0;
  int error_code = 0;
  bool root_closed = false;
  // Whether all input has been handed to the parser, and its line count:
  // an error on the last line of an unclosed document means truncation.
  bool eof = false;
  std::uint64_t newlines = 0;
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

int ReadCallback(void* ctx, char* buf, int len) {
  auto* impl = static_cast<XmlRecordReader::Impl*>(ctx);
  auto n = impl->stream->Read(buf, static_cast<size_t>(len));
  if (!n.ok()) {
    impl->stream_status = n.status();
    return -1;
  }
  impl->bytes += *n;
  if (*n == 0) impl->eof = true;
  impl->newlines +=
      static_cast<std::uint64_t>(std::count(buf, buf + *n, '\n'));
  if (impl->bytes > kMaxListFileBytes) {
    impl->stream_status = Status::LimitExceeded(
        fmt::format("larger than the limit of {} bytes", kMaxListFileBytes));
    return -1;
  }
  return static_cast<int>(*n);
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
  auto fail = [&](std::string msg, long line) {
    if (!impl_->stream_status.ok()) {
      status_ = impl_->stream_status.WithContext(name_);
      return false;
    }
    // libxml2 reports a premature end of input as "Extra content at the end
    // of the document" or as whatever token was cut ("expected '>'"); say
    // what happened instead.
    bool at_end = impl_->error_code == XML_ERR_DOCUMENT_END ||
                  (impl_->eof && impl_->error_line > 0 &&
                   static_cast<std::uint64_t>(impl_->error_line) >=
                       impl_->newlines);
    if (!impl_->error.empty() && at_end && !impl_->root_closed) {
      if (root_name_.empty()) {
        msg = "no XML root element (empty or not XML)";
        line = 0;
      } else {
        msg = fmt::format(
            "XML error: the file ends inside <{}> (truncated?)", root_name_);
      }
    }
    status_ = Status::DataError(
        line > 0 ? fmt::format("{}:{}: {}", name_, line, msg)
                 : fmt::format("{}: {}", name_, msg));
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
    if (type == XML_READER_TYPE_DOCUMENT_TYPE)
      return fail("DTDs are not allowed in list files (entity expansion risk)",
                  xmlTextReaderGetParserLineNumber(rd));
    if (type == XML_READER_TYPE_ENTITY_REFERENCE)
      return fail("entity references are not allowed",
                  xmlTextReaderGetParserLineNumber(rd));
    if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(rd) == 0)
      impl_->root_closed = true;
    if (type != XML_READER_TYPE_ELEMENT) continue;
    int depth = xmlTextReaderDepth(rd);
    if (depth > kMaxXmlDepth)
      return fail(fmt::format("XML nested deeper than {} levels", kMaxXmlDepth),
                  xmlTextReaderGetParserLineNumber(rd));
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
    long node_line = current ? xmlGetLineNo(current) : -1;
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
                                    : static_cast<long>(record->line));
    }
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, node->doc, node, 0, 0);
    pugi::xml_parse_result pr = record->doc.load_buffer(
        xmlBufferContent(buf), static_cast<size_t>(xmlBufferLength(buf)),
        pugi::parse_default, pugi::encoding_utf8);
    xmlBufferFree(buf);
    if (!pr)
      return fail(fmt::format("XML error in <{}>: {}", lname, pr.description()),
                  static_cast<long>(record->line));
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
