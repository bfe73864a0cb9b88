import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import MendCore
import Vapor
