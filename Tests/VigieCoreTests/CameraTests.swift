import Testing
import VigieCore

@Suite("Cameras: zones drawn on the image, masks, the register's rules")
struct CameraTests {
    @Test("a zone holds the points inside it, and its raster the pixels whose centre is inside")
    func zones() {
        let zone = ImageZone(name: "left half", points: [.init(x: 0, y: 0), .init(x: 0.5, y: 0), .init(x: 0.5, y: 1), .init(x: 0, y: 1)])
        #expect(zone.contains(.init(x: 0.25, y: 0.5)) && !zone.contains(.init(x: 0.75, y: 0.5)))
        let raster = zone.raster(width: 8, height: 4)
        #expect(raster.filter { $0 == 1 }.count == 16 && raster[0] == 1 && raster[7] == 0)
    }

    @Test("an entry without authorisation, kept over 30 days, or with a point off the image is refused")
    func rules() {
        let good = Camera(name: "cam-1", title: "Place", location: nil, heading: 90, authorisation: "AP 1")
        #expect(good.problems().isEmpty && good.maskRaster(width: 4, height: 4) == nil)
        var bad = good
        bad.authorisation = " "
        bad.retentionDays = 31
        bad.privacyMasks = [ImageZone(name: "off", points: [.init(x: 0, y: 0), .init(x: 1.5, y: 0), .init(x: 1, y: 1)])]
        #expect(bad.problems().count == 3)
    }
}
