/// Valid documents that together use every construct of TOML 1.0; the fuzz test mutates them.
enum SampleDocuments {
    static let configuration = #"""
        # histd configuration
        data = "./histd-data"
        http = '127.0.0.1:8086'

        [limits]
        max_body_bytes = 10_000_000
        max_points = 0x7FFF_FFFF
        query_timeout_seconds = 30.5
        gzip = true

        [retention]
        raw = { days = 90, downsample.after_days = 7, downsample.every = "1m" }
        "tagged series" = [ "press", 'oven', """kiln""" ]

        [[tokens]]
        name = "collector"
        scopes = ["write"]
        hash = 'sha256:9f86d081884c7d659a2feaa0c55ad015'

        [[tokens]]
        name = "dashboard"
        scopes = [
          "read",  # comment inside an array
        ]
        """#

    static let values = #"""
        strings.basic = "tab\t quote\" unicode\u00E9 \U0001F525"
        strings.literal = 'C:\histd\data'
        strings.multiline = """
        first line \
          folded
        two quotes "" end"""
        strings.raw = '''
        raw 'quoted' text
        '''
        numbers = [+99, -17, 0, 1_000, 0xdead_beef, 0o755, 0b1101, 3.1415, -0.01, 5e+22, 6.626e-34, inf, -inf, nan]
        dates = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00.999999-07:00, 1979-05-27 07:32:00, 1979-05-27, 00:32:00.5]
        mixed = [ [1, 2], ["a", 'b'], [{ x = 1 }, {}], true, false ]
        """#

    static let tables = #"""
        [a.b.c]
        z = 1
        [a]
        b.y = 2
        [fruit]
        apple.color = "red"
        apple.taste.sweet = true
        [fruit.apple.texture]
        smooth = true
        [[lines]]
        name = "L1"
          [lines.calendar]
          timezone = "Europe/Berlin"
          [[lines.shifts]]
          name = "early"
        [[lines]]
          [[lines.shifts]]
          name = "night"
        [dog."tater.man".'type']
        name = "pug"
        """#

    static let deep =
        "a = " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        + "\nb = " + String(repeating: "{ c = ", count: 30) + "1" + String(repeating: " }", count: 30) + "\r\n"

    static let all = [configuration, values, tables, deep]
}
