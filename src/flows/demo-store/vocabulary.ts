/**
 * The words and numbers the demo store is made of: categories with their products, options,
 * price ranges, seasonality and return rates; names and places for customers.
 */

export interface OptionSpec { name: string; values: string[]; /** How many consecutive values a product offers. */ take: [number, number]; /** Popularity of each value (defaults to equal). */ weights?: number[] }

export interface CategorySpec {
  key: string;
  name: string;
  description: string;
  nouns: string[];
  materials: string[];
  vendors: string[];
  options: OptionSpec[];
  /** Price range in cents (log-uniform). */
  price: [number, number];
  grams: [number, number];
  /** Share of the catalogue. */
  share: number;
  /** Share of demand, before seasonality. */
  demand: number;
  /** Demand multiplier for each month, January first. */
  months: number[];
  returnRate: number;
  returnReasons: string[];
  /** Categories bought together with this one. */
  complements: string[];
  /** Base colour of product images (hue, 0–360). */
  hue: number;
}

const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const SIZE_W = [0.6, 1.4, 2.2, 2.0, 1.2, 0.5];
const COLORS = ['Black', 'White', 'Navy', 'Heather Grey', 'Olive', 'Rust', 'Sand', 'Forest Green', 'Burgundy', 'Sky Blue', 'Charcoal', 'Cream'];
const SHOE = ['6', '7', '8', '9', '10', '11', '12', '13'];
const SHOE_W = [0.5, 1, 1.6, 1.9, 1.8, 1.3, 0.8, 0.4];
const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

export const CATEGORIES: CategorySpec[] = [
  {
    key: 'tops', name: 'Tops', description: 'T-shirts, shirts and knitwear for every day.', hue: 210,
    nouns: ['T-Shirt', 'Henley', 'Polo', 'Sweater', 'Hoodie', 'Cardigan', 'Flannel Shirt', 'Oxford Shirt', 'Tank Top', 'Crewneck'],
    materials: ['Organic Cotton', 'Merino', 'Linen', 'Slub Cotton', 'Cashmere-Blend', 'Pima Cotton'], vendors: ['Northbound Apparel', 'Kettle & Loom', 'Fieldday'],
    options: [{ name: 'Size', values: SIZES, take: [4, 6], weights: SIZE_W }, { name: 'Color', values: COLORS, take: [1, 4] }],
    price: [1800, 12000], grams: [150, 600], share: 0.11, demand: 0.14, months: [0.9, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.95, 1.05, 1.1, 1.2, 1.35],
    returnRate: 0.14, returnReasons: ['too small', 'too large', 'colour not as pictured', 'changed my mind'], complements: ['bottoms', 'accessories'],
  },
  {
    key: 'bottoms', name: 'Bottoms', description: 'Jeans, chinos, shorts and joggers.', hue: 230,
    nouns: ['Jeans', 'Chinos', 'Shorts', 'Joggers', 'Skirt', 'Cargo Pants', 'Trousers'],
    materials: ['Selvedge Denim', 'Stretch Twill', 'Linen', 'Corduroy', 'Ripstop'], vendors: ['Northbound Apparel', 'Riveted Co.'],
    options: [{ name: 'Size', values: SIZES, take: [4, 6], weights: SIZE_W }, { name: 'Color', values: ['Indigo', 'Black', 'Khaki', 'Olive', 'Stone', 'Navy'], take: [1, 3] }],
    price: [3500, 14000], grams: [300, 900], share: 0.08, demand: 0.09, months: [0.85, 0.85, 1, 1.05, 1.1, 1.15, 1.1, 1.05, 1.05, 1, 1.1, 1.2],
    returnRate: 0.17, returnReasons: ['too small', 'too large', 'fit not as expected', 'changed my mind'], complements: ['tops', 'footwear'],
  },
  {
    key: 'outerwear', name: 'Outerwear', description: 'Jackets, parkas and rain shells.', hue: 190,
    nouns: ['Parka', 'Rain Shell', 'Puffer Jacket', 'Fleece Jacket', 'Wool Coat', 'Trucker Jacket', 'Vest'],
    materials: ['Recycled Nylon', 'Waxed Cotton', 'Wool', 'Down', 'Softshell'], vendors: ['Summit Works', 'Northbound Apparel'],
    options: [{ name: 'Size', values: SIZES, take: [4, 6], weights: SIZE_W }, { name: 'Color', values: ['Black', 'Navy', 'Olive', 'Mustard', 'Red', 'Slate'], take: [1, 3] }],
    price: [6900, 34900], grams: [500, 1800], share: 0.06, demand: 0.06, months: [1.4, 1.1, 0.8, 0.55, 0.35, 0.25, 0.25, 0.4, 0.9, 1.6, 2.1, 2.0],
    returnRate: 0.12, returnReasons: ['too small', 'too large', 'not warm enough', 'changed my mind'], complements: ['accessories', 'tops'],
  },
  {
    key: 'footwear', name: 'Footwear', description: 'Sneakers, boots and sandals.', hue: 25,
    nouns: ['Sneakers', 'Chelsea Boots', 'Sandals', 'Loafers', 'Trail Runners', 'Slippers', 'Hiking Boots'],
    materials: ['Leather', 'Suede', 'Canvas', 'Recycled Knit', 'Cork'], vendors: ['Stride Lab', 'Cobbler & Sons'],
    options: [{ name: 'Size', values: SHOE, take: [5, 8], weights: SHOE_W }, { name: 'Color', values: ['Black', 'White', 'Tan', 'Brown', 'Grey'], take: [1, 2] }],
    price: [4500, 22000], grams: [500, 1500], share: 0.07, demand: 0.07, months: [0.8, 0.8, 1, 1.1, 1.2, 1.25, 1.15, 1.0, 0.95, 1.0, 1.1, 1.2],
    returnRate: 0.16, returnReasons: ['too small', 'too large', 'uncomfortable', 'arrived damaged'], complements: ['accessories', 'bottoms'],
  },
  {
    key: 'accessories', name: 'Bags & Accessories', description: 'Bags, belts, hats, scarves and wallets.', hue: 300,
    nouns: ['Tote Bag', 'Backpack', 'Belt', 'Beanie', 'Scarf', 'Wallet', 'Cap', 'Sunglasses', 'Gloves', 'Card Holder'],
    materials: ['Leather', 'Canvas', 'Wool', 'Recycled Polyester', 'Cotton'], vendors: ['Kettle & Loom', 'Carryall Goods'],
    options: [{ name: 'Color', values: COLORS, take: [1, 4] }],
    price: [1500, 16000], grams: [50, 900], share: 0.09, demand: 0.08, months: [0.9, 0.9, 0.95, 1, 1.05, 1.1, 1.05, 1, 0.95, 1.05, 1.3, 1.5],
    returnRate: 0.07, returnReasons: ['colour not as pictured', 'changed my mind', 'arrived damaged'], complements: ['tops', 'outerwear'],
  },
  {
    key: 'jewelry', name: 'Jewelry', description: 'Rings, necklaces, earrings and bracelets.', hue: 45,
    nouns: ['Ring', 'Necklace', 'Hoop Earrings', 'Stud Earrings', 'Bracelet', 'Pendant', 'Anklet', 'Cuff'],
    materials: ['Sterling Silver', '14k Gold Vermeil', 'Rose Gold', 'Brass', 'Pearl'], vendors: ['Lumen Jewelry', 'Atelier Rowan'],
    options: [{ name: 'Metal', values: ['Silver', 'Gold', 'Rose Gold'], take: [1, 3] }],
    price: [2500, 39000], grams: [5, 80], share: 0.07, demand: 0.06, months: [0.8, 2.2, 0.9, 0.9, 1.6, 0.9, 0.8, 0.8, 0.85, 0.95, 1.3, 2.3],
    returnRate: 0.06, returnReasons: ['not as described', 'changed my mind', 'gift not wanted'], complements: ['accessories', 'beauty'],
  },
  {
    key: 'home', name: 'Home Decor', description: 'Candles, throws, vases and cushions.', hue: 140,
    nouns: ['Candle', 'Throw Blanket', 'Vase', 'Cushion Cover', 'Wall Print', 'Planter', 'Table Lamp', 'Rug', 'Diffuser'],
    materials: ['Soy Wax', 'Wool', 'Stoneware', 'Linen', 'Rattan', 'Glass'], vendors: ['Hearth House', 'Maple & Moss'],
    options: [{ name: 'Color', values: ['Ivory', 'Sage', 'Terracotta', 'Charcoal', 'Ochre', 'Blush'], take: [1, 3] }],
    price: [1600, 18000], grams: [200, 4000], share: 0.1, demand: 0.1, months: [0.8, 0.85, 0.9, 0.9, 1.0, 0.85, 0.8, 0.85, 1.0, 1.25, 1.55, 1.75],
    returnRate: 0.05, returnReasons: ['arrived damaged', 'not as pictured', 'changed my mind'], complements: ['kitchen', 'home'],
  },
  {
    key: 'kitchen', name: 'Kitchen & Dining', description: 'Cookware, tableware and coffee gear.', hue: 0,
    nouns: ['Chef Knife', 'Skillet', 'Mug Set', 'Pour-Over Kettle', 'Cutting Board', 'Dinner Plates', 'French Press', 'Salad Bowl', 'Tea Towels', 'Dutch Oven'],
    materials: ['Cast Iron', 'Stoneware', 'Olive Wood', 'Stainless Steel', 'Enamel', 'Porcelain'], vendors: ['Hearth House', 'Copper Kettle Co.'],
    options: [{ name: 'Finish', values: ['Natural', 'Matte Black', 'White', 'Slate Blue'], take: [1, 3] }],
    price: [1400, 25000], grams: [200, 5000], share: 0.1, demand: 0.1, months: [0.9, 0.85, 0.9, 0.95, 1.05, 0.95, 0.9, 0.9, 0.95, 1.1, 1.5, 1.9],
    returnRate: 0.05, returnReasons: ['arrived damaged', 'defective', 'changed my mind'], complements: ['home', 'kitchen'],
  },
  {
    key: 'beauty', name: 'Bath & Beauty', description: 'Soaps, skincare and fragrance.', hue: 330,
    nouns: ['Bar Soap', 'Face Serum', 'Hand Cream', 'Lip Balm', 'Bath Salts', 'Body Oil', 'Shampoo Bar', 'Eau de Parfum', 'Face Mask'],
    materials: ['Lavender', 'Cedarwood', 'Rose', 'Eucalyptus', 'Citrus', 'Unscented'], vendors: ['Wild Fern Apothecary', 'Salt & Stone Botanics'],
    options: [{ name: 'Size', values: ['Travel', 'Regular', 'Large'], take: [1, 3], weights: [0.7, 2, 0.9] }],
    price: [600, 8500], grams: [30, 500], share: 0.09, demand: 0.1, months: [1.0, 1.1, 0.95, 1.0, 1.45, 0.95, 0.9, 0.9, 0.95, 1.0, 1.25, 1.6],
    returnRate: 0.03, returnReasons: ['skin reaction', 'not as described'], complements: ['beauty', 'home'],
  },
  {
    key: 'outdoor', name: 'Outdoor & Travel', description: 'Camping, hiking and travel gear.', hue: 100,
    nouns: ['Water Bottle', 'Daypack', 'Camp Chair', 'Headlamp', 'Tent', 'Sleeping Bag', 'Hammock', 'Cooler', 'Trekking Poles', 'Dry Bag'],
    materials: ['Recycled Nylon', 'Aluminium', 'Stainless Steel', 'Ripstop'], vendors: ['Summit Works', 'Trailhead Supply'],
    options: [{ name: 'Color', values: ['Forest Green', 'Orange', 'Slate', 'Sand', 'Black'], take: [1, 3] }],
    price: [1500, 32000], grams: [150, 4500], share: 0.09, demand: 0.08, months: [0.45, 0.5, 0.75, 1.1, 1.5, 1.85, 1.9, 1.5, 1.05, 0.75, 0.75, 0.95],
    returnRate: 0.06, returnReasons: ['defective', 'too heavy', 'changed my mind'], complements: ['outdoor', 'outerwear'],
  },
  {
    key: 'electronics', name: 'Electronics', description: 'Headphones, speakers, chargers and smart home.', hue: 260,
    nouns: ['Wireless Earbuds', 'Over-Ear Headphones', 'Bluetooth Speaker', 'Power Bank', 'Smart Plug', 'Fast Charger', 'E-Reader Case', 'Smartwatch', 'Action Camera', 'Mechanical Keyboard'],
    materials: ['Aluminium', 'Recycled Plastic', 'Matte'], vendors: ['Voltline', 'Audiora', 'Pixelforge'],
    options: [{ name: 'Color', values: ['Black', 'White', 'Space Grey', 'Midnight Blue'], take: [1, 3] }],
    price: [1900, 44900], grams: [80, 1500], share: 0.08, demand: 0.07, months: [0.85, 0.75, 0.8, 0.8, 0.85, 0.85, 0.85, 1.0, 1.0, 1.0, 1.9, 2.1],
    returnRate: 0.08, returnReasons: ['defective', 'not compatible', 'changed my mind'], complements: ['electronics', 'accessories'],
  },
  {
    key: 'toys', name: 'Toys & Games', description: 'Board games, puzzles and wooden toys.', hue: 60,
    nouns: ['Board Game', 'Jigsaw Puzzle', 'Wooden Blocks', 'Plush Bear', 'Card Game', 'Building Set', 'Kite', 'Art Kit'],
    materials: ['Beechwood', 'Recycled Cardboard', 'Organic Cotton', 'Bamboo'], vendors: ['Playwright Toys', 'Little Maple'],
    options: [{ name: 'Edition', values: ['Standard', 'Deluxe'], take: [1, 2], weights: [2, 1] }],
    price: [1200, 9000], grams: [200, 2500], share: 0.07, demand: 0.06, months: [0.55, 0.55, 0.65, 0.7, 0.75, 0.8, 0.8, 0.8, 0.8, 1.0, 2.0, 3.6],
    returnRate: 0.04, returnReasons: ['missing pieces', 'gift not wanted'], complements: ['toys', 'books'],
  },
  {
    key: 'books', name: 'Books & Stationery', description: 'Notebooks, pens, planners and books.', hue: 160,
    nouns: ['Notebook', 'Planner', 'Fountain Pen', 'Sketchbook', 'Cookbook', 'Field Guide', 'Desk Organiser', 'Greeting Cards'],
    materials: ['Recycled Paper', 'Linen Cover', 'Leather Cover', 'Brass'], vendors: ['Quire & Quill', 'Margin Press'],
    options: [{ name: 'Format', values: ['A5', 'A4', 'Pocket'], take: [1, 3], weights: [2, 1, 1] }],
    price: [800, 6500], grams: [100, 1200], share: 0.05, demand: 0.05, months: [1.5, 0.85, 0.8, 0.8, 0.8, 0.75, 0.9, 1.45, 1.45, 0.9, 1.0, 1.3],
    returnRate: 0.03, returnReasons: ['arrived damaged', 'changed my mind'], complements: ['books', 'toys'],
  },
  {
    key: 'pets', name: 'Pet Supplies', description: 'Beds, leashes, bowls and treats.', hue: 80,
    nouns: ['Dog Bed', 'Leash', 'Collar', 'Food Bowl', 'Cat Tree', 'Chew Toy', 'Treat Pouch', 'Pet Blanket'],
    materials: ['Hemp', 'Recycled Polyester', 'Ceramic', 'Leather', 'Natural Rubber'], vendors: ['Good Boy Goods', 'Whisker & Tail'],
    options: [{ name: 'Size', values: ['S', 'M', 'L'], take: [1, 3], weights: [1, 1.6, 1] }],
    price: [900, 12000], grams: [80, 3500], share: 0.04, demand: 0.04, months: [1, 0.95, 1, 1, 1.05, 1.05, 1.05, 1, 1, 1, 1.05, 1.25],
    returnRate: 0.05, returnReasons: ['wrong size', 'pet did not like it'], complements: ['pets'],
  },
];

export const COLLECTION_WORDS = ['Harbor', 'Summit', 'Juniper', 'Cedar', 'Nova', 'Atlas', 'Willow', 'Ember', 'Sierra', 'Tundra', 'Meadow', 'Coastal', 'Alpine', 'Heritage',
  'Solstice', 'Drift', 'Grove', 'Lumen', 'Marlow', 'Pacific', 'Everyday', 'Field', 'Harvest', 'Aurora', 'Canyon', 'Fjord', 'Sunday', 'Orchard', 'Prairie', 'Ridge',
  'Bramble', 'Coppice', 'Delta', 'Estuary', 'Foundry', 'Granite', 'Haven', 'Inlet', 'Kestrel', 'Lagoon', 'Mesa', 'Nimbus', 'Oasis', 'Pioneer', 'Quarry', 'Rook'];

export const FIRST_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'William', 'Amelia', 'Benjamin', 'Harper',
  'Lucas', 'Evelyn', 'Henry', 'Abigail', 'Alexander', 'Emily', 'Mateo', 'Ella', 'Daniel', 'Chloe', 'Michael', 'Grace', 'Ethan', 'Zoe', 'Jack', 'Nora', 'Sebastian',
  'Lily', 'Aiden', 'Hannah', 'Samuel', 'Layla', 'David', 'Aria', 'Joseph', 'Riley', 'Carter', 'Maya', 'Owen', 'Leah', 'Wyatt', 'Priya', 'Arjun', 'Mei', 'Hiro',
  'Fatima', 'Omar', 'Sofia', 'Diego', 'Ingrid', 'Lars', 'Chiara', 'Luca', 'Aisha', 'Kwame', 'Yuki', 'Ravi', 'Elena', 'Mateus', 'Siobhan', 'Callum'];
export const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez',
  'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera',
  'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Kim', 'Chen', 'Okafor', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Tanaka', 'Singh', "O'Brien", 'Murphy'];
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net'];
export const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Washington Ave', 'Lake Rd', 'Hillcrest Dr', 'Park Ave', 'River Rd',
  'Sunset Blvd', 'Church St', 'Mill Rd', 'Highland Ave', 'Forest Dr', 'Meadow Ln', 'Spring St', 'Broad St', 'Willow Way'];

export interface Place { city: string; region: string; postal: () => string }

/** Cities by country with a postal-code shape; the store is American, with some customers abroad. */
export const PLACES: Record<string, { share: number; tax: number; currencyNote?: string; cities: [string, string, string][] }> = {
  US: { share: 0.8, tax: 0.0725, cities: [['Portland', 'OR', '972##'], ['Seattle', 'WA', '981##'], ['Denver', 'CO', '802##'], ['Austin', 'TX', '787##'], ['Chicago', 'IL', '606##'],
    ['Brooklyn', 'NY', '112##'], ['Boston', 'MA', '021##'], ['Atlanta', 'GA', '303##'], ['Minneapolis', 'MN', '554##'], ['San Diego', 'CA', '921##'], ['Oakland', 'CA', '946##'],
    ['Nashville', 'TN', '372##'], ['Phoenix', 'AZ', '850##'], ['Raleigh', 'NC', '276##'], ['Madison', 'WI', '537##'], ['Philadelphia', 'PA', '191##'], ['Columbus', 'OH', '432##'],
    ['Salt Lake City', 'UT', '841##'], ['Richmond', 'VA', '232##'], ['Asheville', 'NC', '288##']] },
  CA: { share: 0.07, tax: 0.13, cities: [['Toronto', 'ON', 'M5V #A#'], ['Vancouver', 'BC', 'V6B #A#'], ['Montreal', 'QC', 'H2X #A#'], ['Calgary', 'AB', 'T2P #A#']] },
  GB: { share: 0.06, tax: 0.2, cities: [['London', 'England', 'SW1A #AA'], ['Manchester', 'England', 'M1 #AA'], ['Edinburgh', 'Scotland', 'EH1 #AA'], ['Bristol', 'England', 'BS1 #AA']] },
  DE: { share: 0.03, tax: 0.19, cities: [['Berlin', 'BE', '10###'], ['Hamburg', 'HH', '20###'], ['Munich', 'BY', '80###']] },
  AU: { share: 0.02, tax: 0.1, cities: [['Sydney', 'NSW', '2###'], ['Melbourne', 'VIC', '3###']] },
  FR: { share: 0.02, tax: 0.2, cities: [['Paris', 'IDF', '75###'], ['Lyon', 'ARA', '69###']] },
};

/** Countries that appear only as shipping destinations in the fraud patterns. */
export const FRAUD_SHIP_COUNTRIES: [string, string, string][] = [['Lagos', 'LA', '100###'], ['Bucharest', 'B', '01####'], ['Jakarta', 'JK', '10###'], ['Ho Chi Minh City', 'SG', '70####'], ['Minsk', 'MI', '220###']];
export const FRAUD_SHIP_COUNTRY_CODES = ['NG', 'RO', 'ID', 'VN', 'BY'];
