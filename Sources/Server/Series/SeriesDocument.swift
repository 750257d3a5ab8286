import Historian

/// The JSON object of one series: `id`, `measurement`, `tags`, `field`, `kind`, `interpolation`
/// (the one queries use) and `metadata` (`unit`, `description`, `engineering_range` `[low, high]`,
/// `lsl`, `usl`, `interpolation`; null where not set).
enum SeriesDocument {
    static func write(_ series: Series, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.integer(Int64(series.id))
        writer.key("measurement")
        writer.string(series.key.measurement)
        writer.key("tags")
        writer.beginObject()
        for tag in series.key.tags {
            writer.key(tag.key)
            writer.string(tag.value)
        }
        writer.endObject()
        writer.key("field")
        writer.string(series.key.field)
        writer.key("kind")
        writer.string(series.kind.description)
        writer.key("interpolation")
        writer.string(name(of: series.interpolation))
        writer.key("metadata")
        writeMetadata(series.metadata, into: &writer)
        writer.endObject()
    }

    static func writeMetadata(_ metadata: SeriesMetadata, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("unit")
        if let unit = metadata.unit { writer.string(unit) } else { writer.null() }
        writer.key("description")
        if let description = metadata.description { writer.string(description) } else { writer.null() }
        writer.key("engineering_range")
        if let range = metadata.engineeringRange {
            writer.beginArray()
            writer.double(range.lowerBound)
            writer.double(range.upperBound)
            writer.endArray()
        } else {
            writer.null()
        }
        writer.key("lsl")
        writer.double(metadata.lowerSpecLimit)
        writer.key("usl")
        writer.double(metadata.upperSpecLimit)
        writer.key("interpolation")
        if let interpolation = metadata.interpolation { writer.string(name(of: interpolation)) } else { writer.null() }
        writer.endObject()
    }

    static func name(of interpolation: Interpolation) -> String {
        switch interpolation {
        case .step: "step"
        case .linear: "linear"
        }
    }
}
