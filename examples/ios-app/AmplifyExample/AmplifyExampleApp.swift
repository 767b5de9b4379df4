import Amplify
import SwiftUI

/// Configures Amplify from amplifyconfiguration.json, which `amplify push` writes at the
/// project root (add it to the app target in Xcode once).
@main
struct AmplifyExampleApp: App {
    init() {
        do {
            try Amplify.configure()
        } catch {
            print("Run `amplify init` to create amplifyconfiguration.json: \(error)")
        }
    }

    var body: some Scene {
        WindowGroup {
            Text("Hello from amplify")
        }
    }
}
