from graphstore.cli import main

main()
