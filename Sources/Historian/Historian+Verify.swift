extension Historian {
    /// True when `path` holds a histd data directory (its catalog exists).
    public static func isDataDirectory(_ path: String) -> Bool {
        FileIO.exists(path + "/catalog.sqlite")
    }

    /// Checks a data directory without changing it: the catalog, the checkpoint, every partition
    /// file (header, footer, index checksum, every chunk's CRC-32C, decoding, and statistics against
    /// the decoded chunk) and every WAL segment (header and record checksums).
    public static func verify(directory: String) -> VerificationReport {
        var report = VerificationReport()
        guard isDataDirectory(directory) else {
            report.faults.append("\(directory): no catalog.sqlite, so not a histd data directory")
            return report
        }
        let catalog: SeriesCatalog
        do {
            catalog = try SeriesCatalog(path: directory + "/catalog.sqlite")
            report.checked.append("catalog.sqlite: \(catalog.all.count) series")
        } catch {
            report.faults.append(error.description)
            return report
        }
        var covered: UInt64 = 0
        do {
            covered = try Checkpoint.read(directory + "/checkpoint")
            report.checked.append("checkpoint: partitions cover the WAL through segment \(covered)")
        } catch {
            report.faults.append(error.description)
        }
        do {
            for name in try FileIO.list(directory + "/partitions") where name.hasSuffix(".part") {
                let path = directory + "/partitions/" + name
                do {
                    let file = try PartitionFile(path: path)
                    let chunks = try file.verifyChunks { catalog.series($0)?.kind }
                    report.checked.append(
                        "partitions/\(name): \(file.seriesIDs.count) series, \(chunks) chunks, \(file.size) bytes: header, index and chunk checksums OK"
                    )
                } catch {
                    report.faults.append(error.description)
                }
            }
        } catch {
            report.faults.append(error.description)
        }
        do {
            let wal = try WriteAheadLog.verify(directory: directory + "/wal", coveredThrough: covered, expectsSegments: true)
            for segment in wal.segments {
                report.checked.append("wal/\(segment.path.split(separator: "/").last ?? ""): \(segment.records) records, checksums OK")
            }
            if let torn = wal.tornTail {
                report.notes.append(
                    "\(torn.path): torn record of \(torn.droppedBytes) bytes at offset \(torn.offset) (a crash during a write); the next open drops it"
                )
            }
        } catch {
            report.faults.append(error.description)
        }
        return report
    }
}
