import ArgumentParser
import MendServer
print("mend")
