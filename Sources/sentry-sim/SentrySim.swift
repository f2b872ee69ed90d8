@main
enum SentrySim { static func main() {} }
