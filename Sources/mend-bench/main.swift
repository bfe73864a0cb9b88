import ArgumentParser
import Vapor
print("bench")
