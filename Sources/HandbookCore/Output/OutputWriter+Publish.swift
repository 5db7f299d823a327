import Foundation

extension OutputWriter {
    /// Renders `jobs` into a staging folder for `output` and swaps it in: the whole of
    /// writing a site. Returns the CPU time of each kind of file; throws for I/O failures.
    static func publish(_ jobs: [SiteRenderer.Job], to output: URL, keepSpare: Bool) async throws -> [String: Duration] {
        var staging: Staging
        do {
            staging = try Staging(for: output, keepSpare: keepSpare)
        } catch {
            throw Pipeline.IOFailure.writing(output, error)
        }
        var kindTimes = await SiteRenderer.run(jobs, emit: staging.write)
        if staging.reused, !staging.finishWriting() {
            // Something in the spare could not be written over or removed (a file of another
            // user, say): the site is written again into an empty folder, so the spare never
            // makes a build fail that would succeed without it.
            staging.abandon()
            do {
                staging = try Staging(for: output, keepSpare: keepSpare, useSpare: false)
            } catch {
                throw Pipeline.IOFailure.writing(output, error)
            }
            kindTimes = await SiteRenderer.run(jobs, emit: staging.write)
        }
        do {
            try staging.commit()
        } catch {
            staging.abandon()
            throw Pipeline.IOFailure.writing(output, error)
        }
        return kindTimes
    }
}
